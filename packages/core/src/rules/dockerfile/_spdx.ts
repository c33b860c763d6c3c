/**
 * A compact SPDX license check: the license identifiers and exceptions that real images use
 * (the SPDX list has 600+ identifiers; these ~150 cover open-source and common proprietary
 * practice), `LicenseRef-…` / `DocumentRef-…:LicenseRef-…` for everything else, and SPDX
 * license expressions (`AND`, `OR`, `WITH`, parentheses, the `+` suffix). Identifiers match
 * case-insensitively and operators must be all upper or all lower case, as the SPDX
 * specification (Annex D) says. Rules let users add identifiers the list lacks.
 */

const LICENSE_IDS = [
  "0BSD", "AAL", "AFL-1.1", "AFL-1.2", "AFL-2.0", "AFL-2.1", "AFL-3.0", "AGPL-1.0", "AGPL-1.0-only", "AGPL-1.0-or-later",
  "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.0", "Apache-1.1", "Apache-2.0", "APSL-1.0", "APSL-2.0",
  "Artistic-1.0", "Artistic-1.0-Perl", "Artistic-2.0", "Beerware", "BitTorrent-1.1", "blessing", "BlueOak-1.0.0",
  "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-2-Clause-Views", "BSD-3-Clause", "BSD-3-Clause-Clear",
  "BSD-3-Clause-LBNL", "BSD-4-Clause", "BSD-4-Clause-UC", "BSD-Source-Code", "BSL-1.0", "BUSL-1.1", "bzip2-1.0.6",
  "CAL-1.0", "CATOSL-1.1", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0", "CC-BY-4.0", "CC-BY-NC-4.0",
  "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0", "CC-BY-SA-2.0", "CC-BY-SA-2.5", "CC-BY-SA-3.0", "CC-BY-SA-4.0",
  "CC-PDDC", "CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CDLA-Permissive-2.0", "CECILL-2.0", "CECILL-2.1", "CECILL-B", "CECILL-C",
  "ClArtistic", "CNRI-Python", "CPAL-1.0", "CPL-1.0", "curl", "ECL-1.0", "ECL-2.0", "EFL-2.0", "Elastic-2.0", "EPL-1.0",
  "EPL-2.0", "ErlPL-1.1", "EUDatagrid", "EUPL-1.0", "EUPL-1.1", "EUPL-1.2", "FSFAP", "FSFUL", "FSFULLR", "FTL", "GFDL-1.1-only",
  "GFDL-1.1-or-later", "GFDL-1.2-only", "GFDL-1.2-or-later", "GFDL-1.3", "GFDL-1.3-only", "GFDL-1.3-or-later", "GPL-1.0",
  "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only",
  "GPL-3.0-or-later", "HPND", "ICU", "IJG", "ImageMagick", "Imlib2", "Info-ZIP", "Intel", "IPA", "IPL-1.0", "ISC",
  "JasPer-2.0", "JSON", "LGPL-2.0", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only",
  "LGPL-2.1-or-later", "LGPL-3.0", "LGPL-3.0-only", "LGPL-3.0-or-later", "LGPLLR", "Libpng", "libpng-2.0", "libtiff",
  "LPL-1.02", "LPPL-1.3c", "MirOS", "MIT", "MIT-0", "MIT-CMU", "MIT-Modern-Variant", "MITNFA", "Motosoto", "MPL-1.0",
  "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception", "MS-PL", "MS-RL", "MulanPSL-2.0", "Multics", "NASA-1.3",
  "Naumen", "NCSA", "Net-SNMP", "NGPL", "Nokia", "NPL-1.1", "NPOSL-3.0", "NTP", "ODbL-1.0", "ODC-By-1.0", "OFL-1.0",
  "OFL-1.1", "OGTSL", "OLDAP-2.8", "OpenSSL", "OSL-1.0", "OSL-2.0", "OSL-2.1", "OSL-3.0", "PDDL-1.0", "PHP-3.0",
  "PHP-3.01", "PostgreSQL", "PSF-2.0", "Python-2.0", "Python-2.0.1", "QPL-1.0", "RPL-1.5", "RPSL-1.0", "RSCPL", "Ruby",
  "SGI-B-2.0", "SimPL-2.0", "SISSL", "Sleepycat", "SMLNJ", "SPL-1.0", "SSPL-1.0", "TCL", "UCL-1.0", "Unicode-3.0",
  "Unicode-DFS-2015", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim", "VSL-1.0", "W3C", "W3C-20150513", "Watcom-1.0",
  "WTFPL", "X11", "XFree86-1.1", "Xnet", "xinetd", "Zend-2.0", "Zlib", "zlib-acknowledgement", "ZPL-1.1", "ZPL-2.0",
  "ZPL-2.1",
];

const EXCEPTION_IDS = [
  "389-exception", "Autoconf-exception-2.0", "Autoconf-exception-3.0", "Bison-exception-2.2", "Bootloader-exception",
  "Classpath-exception-2.0", "CLISP-exception-2.0", "eCos-exception-2.0", "FLTK-exception", "Font-exception-2.0",
  "freertos-exception-2.0", "GCC-exception-2.0", "GCC-exception-3.1", "GPL-3.0-linking-exception",
  "GPL-3.0-linking-source-exception", "GPL-CC-1.0", "i2p-gpl-java-exception", "LGPL-3.0-linking-exception",
  "Libtool-exception", "Linux-syscall-note", "LLVM-exception", "LZMA-exception", "OCaml-LGPL-linking-exception",
  "OCCT-exception-1.0", "OpenJDK-assembly-exception-1.0", "openvpn-openssl-exception", "PS-or-PDF-font-exception-20170817",
  "Qt-GPL-exception-1.0", "Qt-LGPL-exception-1.1", "Qwt-exception-1.0", "Swift-exception", "u-boot-exception-2.0",
  "Universal-FOSS-exception-1.0", "WxWindows-exception-3.1",
];

const LICENSES = new Set(LICENSE_IDS.map((id) => id.toLowerCase()));
const EXCEPTIONS = new Set(EXCEPTION_IDS.map((id) => id.toLowerCase()));
const LICENSE_REF = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const ID_CHARS = /^[A-Z0-9.-]+$/i;

/**
 * Whether `text` is a valid SPDX license expression. `extra` are identifiers the user accepts
 * besides the built-in list (compared case-insensitively).
 */
export function isSpdxExpression(text: string, extra: ReadonlySet<string> = new Set()): boolean {
  const tokens = text.match(/\(|\)|[^\s()]+/g);
  if (!tokens || tokens.length === 0 || text.length > 1000) return false;
  const operators = tokens.filter((t) => /^(?:and|or|with)$/i.test(t));
  if (!operators.every((t) => t === t.toUpperCase()) && !operators.every((t) => t === t.toLowerCase())) return false;
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const isOperator = (t: string | undefined, op: string): boolean => t !== undefined && t.toLowerCase() === op;
  const license = (token: string): boolean => {
    if (LICENSE_REF.test(token)) return true;
    const id = token.endsWith("+") ? token.slice(0, -1) : token;
    if (!ID_CHARS.test(id)) return false;
    return LICENSES.has(id.toLowerCase()) || extra.has(id.toLowerCase());
  };
  // simple [WITH exception] | "(" compound ")"
  const term = (depth: number): boolean => {
    const token = peek();
    if (token === undefined) return false;
    if (token === "(") {
      i++;
      if (depth > 50 || !compound(depth + 1) || peek() !== ")") return false;
      i++;
      return true;
    }
    if (token === ")" || isOperator(token, "and") || isOperator(token, "or") || isOperator(token, "with")) return false;
    i++;
    if (!license(token)) return false;
    if (isOperator(peek(), "with")) {
      i++;
      const exception = peek();
      if (exception === undefined || !(EXCEPTIONS.has(exception.toLowerCase()) || extra.has(exception.toLowerCase()))) return false;
      i++;
    }
    return true;
  };
  const compound = (depth: number): boolean => {
    if (!term(depth)) return false;
    while (isOperator(peek(), "and") || isOperator(peek(), "or")) {
      i++;
      if (!term(depth)) return false;
    }
    return true;
  };
  return compound(0) && i === tokens.length;
}

/** Names people write for licenses, mapped to the SPDX identifier they mean (for a suggestion). */
const COMMON_NAMES: ReadonlyMap<string, string> = new Map([
  ["apache 2.0", "Apache-2.0"], ["apache 2", "Apache-2.0"], ["apache-2", "Apache-2.0"], ["apache2", "Apache-2.0"],
  ["apache license 2.0", "Apache-2.0"], ["apache license, version 2.0", "Apache-2.0"], ["asl 2.0", "Apache-2.0"], ["asl2", "Apache-2.0"],
  ["mit license", "MIT"], ["the mit license", "MIT"], ["expat", "MIT"],
  ["gplv2", "GPL-2.0-only"], ["gpl-2", "GPL-2.0-only"], ["gpl2", "GPL-2.0-only"], ["gplv2+", "GPL-2.0-or-later"],
  ["gplv3", "GPL-3.0-only"], ["gpl-3", "GPL-3.0-only"], ["gpl3", "GPL-3.0-only"], ["gplv3+", "GPL-3.0-or-later"],
  ["lgplv2.1", "LGPL-2.1-only"], ["lgplv3", "LGPL-3.0-only"], ["agplv3", "AGPL-3.0-only"],
  ["mpl 2.0", "MPL-2.0"], ["mpl2", "MPL-2.0"], ["bsd 3-clause", "BSD-3-Clause"], ["bsd-3", "BSD-3-Clause"],
  ["bsd 2-clause", "BSD-2-Clause"], ["bsd-2", "BSD-2-Clause"],
  ["proprietary", "LicenseRef-Proprietary"], ["commercial", "LicenseRef-Commercial"],
]);

/** The SPDX identifier a common non-SPDX license name stands for, if it is unambiguous. */
export function spdxFor(name: string): string | undefined {
  return COMMON_NAMES.get(name.trim().toLowerCase().replace(/\s+/g, " "));
}
