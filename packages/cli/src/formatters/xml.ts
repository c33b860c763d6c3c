import { escapeTerminalControls, visibleText } from "@docklint/core";

/**
 * XML text for the checkstyle and junit formats. Messages quote the linted files, which may hold
 * anything: characters XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF) become U+FFFD, so that every report parses. Characters XML carries but a
 * terminal acts on (DEL, the C1 controls, U+009B being a one-byte CSI; the bidirectional controls;
 * U+2028/9) never appear raw either, since reports get printed with `cat`: an attribute holds them
 * as character references, so a file name parses back exactly, and CDATA text, which is for
 * reading, shows them as core's `visibleText` does.
 */

// eslint-disable-next-line no-control-regex -- the C0 controls XML 1.0 forbids, on purpose
const INVALID_XML = /[\u0000-\u0008\v\f\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(text: string): string {
  return text.replace(INVALID_XML, "\ufffd");
}

/** Escapes text for an attribute value in double quotes (line breaks, tabs and the controls above kept as character references). */
export function xmlAttr(text: string): string {
  const escaped = clean(text).replace(/[&<>"'\t\n\r]/g, (c) => {
    switch (c) {
      case "&":
        return "&amp;";
      case "<":
        return "&lt;";
      case ">":
        return "&gt;";
      case '"':
        return "&quot;";
      case "'":
        return "&apos;";
      default:
        return characterReference(c);
    }
  });
  return escapeTerminalControls(escaped, characterReference);
}

function characterReference(char: string): string {
  return `&#${char.charCodeAt(0)};`;
}

/** A CDATA section holding `text` (the controls above as signs; "]]>" is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${visibleText(clean(text), true).replace(/\]\]>/g, "]]]]><![CDATA[>")}]]>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
