/**
 * XML text for the checkstyle and junit formats. Messages quote the linted files, which may hold
 * anything: characters XML 1.0 cannot carry at all (NUL, most C0 controls, lone surrogates,
 * U+FFFE/U+FFFF) become U+FFFD, so that every report parses.
 */

// eslint-disable-next-line no-control-regex -- the C0 controls XML 1.0 forbids, on purpose
const INVALID_XML = /[\u0000-\u0008\v\f\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(text: string): string {
  return text.replace(INVALID_XML, "\ufffd");
}

/** Escapes text for an attribute value in double quotes (line breaks and tabs kept as character references). */
export function xmlAttr(text: string): string {
  return clean(text).replace(/[&<>"'\t\n\r]/g, (c) => {
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
        return `&#${c.charCodeAt(0)};`;
    }
  });
}

/** A CDATA section holding `text` exactly ("]]>" is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${clean(text).replace(/\]\]>/g, "]]]]><![CDATA[>")}]]>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
