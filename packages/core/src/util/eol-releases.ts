/**
 * End-of-life dates of the distributions and language runtimes that Docker Hub's official
 * images are built from, for `no-eol-base-image`.
 *
 * Every entry carries the date support ended (or is announced to end) and the page that says
 * so. "End of life" means the end of the support that keeps the image safe to run without a
 * paid extension: Ubuntu's standard support (not ESM), Debian's LTS (the last free security
 * updates; `security` notes where regular support ended), the runtimes' last security release.
 * An entry whose date is after "today" is not reported yet, so the table can list announced
 * dates; releases without an announced date are simply absent (never reported).
 *
 * Dates are ISO `YYYY-MM-DD`; comparisons are string comparisons, which order ISO dates.
 */
import { BoundedCache } from "./bounded-cache.js";

export interface EolRelease {
  /** The version as it appears in tags: `16.04`, `10`, `3.8`, `1.15`, `7.4`. */
  version: string;
  /** Human name: `Ubuntu 16.04 LTS (Xenial Xerus)`. */
  name: string;
  /** Tag words that mean this release: codenames (`xenial`, `buster`, `gallium`). */
  codenames?: readonly string[];
  /** Last day of support (ISO date); undefined when not announced yet (never reported, may be suggested). */
  eol: string | undefined;
  /** Where the date is published. */
  source: string;
  /** Offer it as an upgrade target (LTS releases, even Node.js majors). Default true. */
  suggest?: boolean;
}

export interface EolProduct {
  /** Key of the product (`ubuntu`). */
  id: string;
  /** What support means for this product, shown in messages: `standard support`. */
  support: string;
  /** Docker Hub official repositories (`library/…`) that ship this product. */
  images: readonly string[];
  /**
   * Version lines that will get no further release (`2` for Python): a tag naming only that
   * line (`python:2`) means its last release, and is judged as that.
   */
  closedLines?: readonly string[];
  /** Oldest first. */
  releases: readonly EolRelease[];
  /** Where to go when no later release of the same image is supported (CentOS, the openjdk image). */
  replacement?: string;
}

const UBUNTU = "https://ubuntu.com/about/release-cycle";
const UBUNTU_WIKI = "https://wiki.ubuntu.com/Releases";
const DEBIAN_LTS = "https://wiki.debian.org/LTS";
const CENTOS = "https://www.centos.org/centos-linux-eol/";
const ALPINE = "https://alpinelinux.org/releases/";
const NODE = "https://github.com/nodejs/Release#end-of-life-releases";
const PYTHON = "https://devguide.python.org/versions/";
const GO = "https://go.dev/doc/devel/release#policy";
const RUBY = "https://www.ruby-lang.org/en/downloads/branches/";
const PHP = "https://www.php.net/eol.php";
const PHP_SUPPORTED = "https://www.php.net/supported-versions.php";
const OPENJDK_IMAGE = "https://hub.docker.com/_/openjdk";
const JAVA = "https://www.java.com/releases/";
const ADOPTIUM = "https://adoptium.net/support/";

export const EOL_PRODUCTS: readonly EolProduct[] = [
  {
    id: "ubuntu",
    support: "standard support",
    images: ["library/ubuntu"],
    releases: [
      { version: "12.04", name: "Ubuntu 12.04 LTS (Precise Pangolin)", codenames: ["precise"], eol: "2017-04-28", source: UBUNTU_WIKI },
      { version: "14.04", name: "Ubuntu 14.04 LTS (Trusty Tahr)", codenames: ["trusty"], eol: "2019-04-25", source: UBUNTU },
      { version: "14.10", name: "Ubuntu 14.10 (Utopic Unicorn)", codenames: ["utopic"], eol: "2015-07-23", source: UBUNTU_WIKI, suggest: false },
      { version: "15.04", name: "Ubuntu 15.04 (Vivid Vervet)", codenames: ["vivid"], eol: "2016-02-04", source: UBUNTU_WIKI, suggest: false },
      { version: "15.10", name: "Ubuntu 15.10 (Wily Werewolf)", codenames: ["wily"], eol: "2016-07-28", source: UBUNTU_WIKI, suggest: false },
      { version: "16.04", name: "Ubuntu 16.04 LTS (Xenial Xerus)", codenames: ["xenial"], eol: "2021-04-30", source: UBUNTU },
      { version: "16.10", name: "Ubuntu 16.10 (Yakkety Yak)", codenames: ["yakkety"], eol: "2017-07-20", source: UBUNTU_WIKI, suggest: false },
      { version: "17.04", name: "Ubuntu 17.04 (Zesty Zapus)", codenames: ["zesty"], eol: "2018-01-13", source: UBUNTU_WIKI, suggest: false },
      { version: "17.10", name: "Ubuntu 17.10 (Artful Aardvark)", codenames: ["artful"], eol: "2018-07-19", source: UBUNTU_WIKI, suggest: false },
      { version: "18.04", name: "Ubuntu 18.04 LTS (Bionic Beaver)", codenames: ["bionic"], eol: "2023-05-31", source: UBUNTU },
      { version: "18.10", name: "Ubuntu 18.10 (Cosmic Cuttlefish)", codenames: ["cosmic"], eol: "2019-07-18", source: UBUNTU_WIKI, suggest: false },
      { version: "19.04", name: "Ubuntu 19.04 (Disco Dingo)", codenames: ["disco"], eol: "2020-01-23", source: UBUNTU_WIKI, suggest: false },
      { version: "19.10", name: "Ubuntu 19.10 (Eoan Ermine)", codenames: ["eoan"], eol: "2020-07-17", source: UBUNTU_WIKI, suggest: false },
      { version: "20.04", name: "Ubuntu 20.04 LTS (Focal Fossa)", codenames: ["focal"], eol: "2025-05-29", source: UBUNTU },
      { version: "20.10", name: "Ubuntu 20.10 (Groovy Gorilla)", codenames: ["groovy"], eol: "2021-07-22", source: UBUNTU_WIKI, suggest: false },
      { version: "21.04", name: "Ubuntu 21.04 (Hirsute Hippo)", codenames: ["hirsute"], eol: "2022-01-20", source: UBUNTU_WIKI, suggest: false },
      { version: "21.10", name: "Ubuntu 21.10 (Impish Indri)", codenames: ["impish"], eol: "2022-07-14", source: UBUNTU_WIKI, suggest: false },
      { version: "22.04", name: "Ubuntu 22.04 LTS (Jammy Jellyfish)", codenames: ["jammy"], eol: "2027-06-01", source: UBUNTU },
      { version: "22.10", name: "Ubuntu 22.10 (Kinetic Kudu)", codenames: ["kinetic"], eol: "2023-07-20", source: UBUNTU_WIKI, suggest: false },
      { version: "23.04", name: "Ubuntu 23.04 (Lunar Lobster)", codenames: ["lunar"], eol: "2024-01-25", source: UBUNTU_WIKI, suggest: false },
      { version: "23.10", name: "Ubuntu 23.10 (Mantic Minotaur)", codenames: ["mantic"], eol: "2024-07-11", source: UBUNTU_WIKI, suggest: false },
      { version: "24.04", name: "Ubuntu 24.04 LTS (Noble Numbat)", codenames: ["noble"], eol: "2029-05-31", source: UBUNTU },
      { version: "24.10", name: "Ubuntu 24.10 (Oracular Oriole)", codenames: ["oracular"], eol: "2025-07-10", source: UBUNTU_WIKI, suggest: false },
    ],
  },
  {
    id: "debian",
    support: "long-term support (Debian LTS)",
    images: ["library/debian"],
    releases: [
      { version: "6", name: "Debian 6 (squeeze)", codenames: ["squeeze"], eol: "2016-02-29", source: DEBIAN_LTS },
      { version: "7", name: "Debian 7 (wheezy)", codenames: ["wheezy"], eol: "2018-05-31", source: DEBIAN_LTS },
      { version: "8", name: "Debian 8 (jessie)", codenames: ["jessie"], eol: "2020-06-30", source: DEBIAN_LTS },
      { version: "9", name: "Debian 9 (stretch)", codenames: ["stretch"], eol: "2022-06-30", source: DEBIAN_LTS },
      { version: "10", name: "Debian 10 (buster)", codenames: ["buster"], eol: "2024-06-30", source: DEBIAN_LTS },
      { version: "11", name: "Debian 11 (bullseye)", codenames: ["bullseye"], eol: "2026-08-31", source: DEBIAN_LTS },
      { version: "12", name: "Debian 12 (bookworm)", codenames: ["bookworm"], eol: "2028-06-30", source: DEBIAN_LTS },
      { version: "13", name: "Debian 13 (trixie)", codenames: ["trixie"], eol: "2030-06-30", source: DEBIAN_LTS },
    ],
  },
  {
    id: "centos",
    support: "maintenance updates",
    images: ["library/centos"],
    replacement:
      "CentOS Linux has no supported release; use a RHEL-compatible distribution (`rockylinux:9`, `almalinux:9`, `redhat/ubi9`) or CentOS Stream (`quay.io/centos/centos:stream9`)",
    releases: [
      { version: "5", name: "CentOS Linux 5", codenames: ["centos5"], eol: "2017-03-31", source: CENTOS },
      { version: "6", name: "CentOS Linux 6", codenames: ["centos6"], eol: "2020-11-30", source: CENTOS },
      { version: "7", name: "CentOS Linux 7", codenames: ["centos7"], eol: "2024-06-30", source: CENTOS },
      // `centos:latest` (and no tag) has been CentOS 8 since the image was frozen.
      { version: "8", name: "CentOS Linux 8", codenames: ["centos8", "latest"], eol: "2021-12-31", source: CENTOS },
    ],
  },
  {
    id: "alpine",
    support: "support of the main repository",
    images: ["library/alpine"],
    releases: [
      ["3.0", "2016-05-01"],
      ["3.1", "2016-11-01"],
      ["3.2", "2017-05-01"],
      ["3.3", "2017-11-01"],
      ["3.4", "2018-05-01"],
      ["3.5", "2018-11-01"],
      ["3.6", "2019-05-01"],
      ["3.7", "2019-11-01"],
      ["3.8", "2020-05-01"],
      ["3.9", "2020-11-01"],
      ["3.10", "2021-05-01"],
      ["3.11", "2021-11-01"],
      ["3.12", "2022-05-01"],
      ["3.13", "2022-11-01"],
      ["3.14", "2023-05-01"],
      ["3.15", "2023-11-01"],
      ["3.16", "2024-05-23"],
      ["3.17", "2024-11-22"],
      ["3.18", "2025-05-09"],
      ["3.19", "2025-11-01"],
      ["3.20", "2026-04-01"],
      ["3.21", "2026-11-01"],
      ["3.22", "2027-05-01"],
      ["3.23", "2027-11-01"],
    ].map(([version, eol]) => ({ version: version ?? "", name: `Alpine Linux ${version ?? ""}`, eol: eol ?? "", source: ALPINE })),
  },
  {
    id: "node",
    support: "maintenance (security fixes)",
    images: ["library/node"],
    closedLines: ["0"],
    releases: [
      { version: "0.10", name: "Node.js 0.10", eol: "2016-10-31", source: NODE, suggest: false },
      { version: "0.12", name: "Node.js 0.12", eol: "2016-12-31", source: NODE, suggest: false },
      { version: "4", name: "Node.js 4 (Argon)", codenames: ["argon"], eol: "2018-04-30", source: NODE },
      { version: "5", name: "Node.js 5", eol: "2016-06-30", source: NODE, suggest: false },
      { version: "6", name: "Node.js 6 (Boron)", codenames: ["boron"], eol: "2019-04-30", source: NODE },
      { version: "7", name: "Node.js 7", eol: "2017-06-30", source: NODE, suggest: false },
      { version: "8", name: "Node.js 8 (Carbon)", codenames: ["carbon"], eol: "2019-12-31", source: NODE },
      { version: "9", name: "Node.js 9", eol: "2018-06-30", source: NODE, suggest: false },
      { version: "10", name: "Node.js 10 (Dubnium)", codenames: ["dubnium"], eol: "2021-04-30", source: NODE },
      { version: "11", name: "Node.js 11", eol: "2019-06-01", source: NODE, suggest: false },
      { version: "12", name: "Node.js 12 (Erbium)", codenames: ["erbium"], eol: "2022-04-30", source: NODE },
      { version: "13", name: "Node.js 13", eol: "2020-06-01", source: NODE, suggest: false },
      { version: "14", name: "Node.js 14 (Fermium)", codenames: ["fermium"], eol: "2023-04-30", source: NODE },
      { version: "15", name: "Node.js 15", eol: "2021-06-01", source: NODE, suggest: false },
      { version: "16", name: "Node.js 16 (Gallium)", codenames: ["gallium"], eol: "2023-09-11", source: NODE },
      { version: "17", name: "Node.js 17", eol: "2022-06-01", source: NODE, suggest: false },
      { version: "18", name: "Node.js 18 (Hydrogen)", codenames: ["hydrogen"], eol: "2025-04-30", source: NODE },
      { version: "19", name: "Node.js 19", eol: "2023-06-01", source: NODE, suggest: false },
      { version: "20", name: "Node.js 20 (Iron)", codenames: ["iron"], eol: "2026-04-30", source: NODE },
      { version: "21", name: "Node.js 21", eol: "2024-06-01", source: NODE, suggest: false },
      { version: "22", name: "Node.js 22 (Jod)", codenames: ["jod"], eol: "2027-04-30", source: NODE },
      { version: "23", name: "Node.js 23", eol: "2025-06-01", source: NODE, suggest: false },
      { version: "24", name: "Node.js 24 (Krypton)", codenames: ["krypton"], eol: "2028-04-30", source: NODE },
      { version: "25", name: "Node.js 25", eol: "2026-06-01", source: NODE, suggest: false },
    ],
  },
  {
    id: "python",
    support: "security support",
    images: ["library/python"],
    closedLines: ["2"],
    releases: [
      { version: "2.6", name: "Python 2.6", eol: "2013-10-29", source: PYTHON },
      { version: "2.7", name: "Python 2.7", eol: "2020-01-01", source: PYTHON },
      { version: "3.3", name: "Python 3.3", eol: "2017-09-29", source: PYTHON },
      { version: "3.4", name: "Python 3.4", eol: "2019-03-18", source: PYTHON },
      { version: "3.5", name: "Python 3.5", eol: "2020-09-30", source: PYTHON },
      { version: "3.6", name: "Python 3.6", eol: "2021-12-23", source: PYTHON },
      { version: "3.7", name: "Python 3.7", eol: "2023-06-27", source: PYTHON },
      { version: "3.8", name: "Python 3.8", eol: "2024-10-07", source: PYTHON },
      { version: "3.9", name: "Python 3.9", eol: "2025-10-31", source: PYTHON },
      { version: "3.10", name: "Python 3.10", eol: "2026-10-31", source: PYTHON },
      { version: "3.11", name: "Python 3.11", eol: "2027-10-31", source: PYTHON },
      { version: "3.12", name: "Python 3.12", eol: "2028-10-31", source: PYTHON },
      { version: "3.13", name: "Python 3.13", eol: "2029-10-31", source: PYTHON },
      { version: "3.14", name: "Python 3.14", eol: "2030-10-31", source: PYTHON },
    ],
  },
  {
    id: "go",
    support: "support (each Go release is supported until the release two versions later)",
    images: ["library/golang"],
    releases: [
      ["1.10", "2019-02-25"],
      ["1.11", "2019-09-03"],
      ["1.12", "2020-02-25"],
      ["1.13", "2020-08-11"],
      ["1.14", "2021-02-16"],
      ["1.15", "2021-08-16"],
      ["1.16", "2022-03-15"],
      ["1.17", "2022-08-02"],
      ["1.18", "2023-02-01"],
      ["1.19", "2023-09-06"],
      ["1.20", "2024-02-06"],
      ["1.21", "2024-08-13"],
      ["1.22", "2025-02-11"],
      ["1.23", "2025-08-12"],
      ["1.24", "2026-02-11"],
      // Supported until Go 1.28 ships: no date yet, so only an upgrade target.
      ["1.26", undefined],
    ].map(([version, eol]) => ({ version: version ?? "", name: `Go ${version ?? ""}`, eol, source: GO })),
  },
  {
    id: "ruby",
    support: "security maintenance",
    images: ["library/ruby"],
    closedLines: ["1", "2"],
    releases: [
      { version: "1.9", name: "Ruby 1.9", eol: "2015-02-23", source: RUBY },
      { version: "2.0", name: "Ruby 2.0", eol: "2016-02-24", source: RUBY },
      { version: "2.1", name: "Ruby 2.1", eol: "2017-03-31", source: RUBY },
      { version: "2.2", name: "Ruby 2.2", eol: "2018-03-31", source: RUBY },
      { version: "2.3", name: "Ruby 2.3", eol: "2019-03-31", source: RUBY },
      { version: "2.4", name: "Ruby 2.4", eol: "2020-03-31", source: RUBY },
      { version: "2.5", name: "Ruby 2.5", eol: "2021-04-05", source: RUBY },
      { version: "2.6", name: "Ruby 2.6", eol: "2022-04-12", source: RUBY },
      { version: "2.7", name: "Ruby 2.7", eol: "2023-03-31", source: RUBY },
      { version: "3.0", name: "Ruby 3.0", eol: "2024-04-23", source: RUBY },
      { version: "3.1", name: "Ruby 3.1", eol: "2025-03-26", source: RUBY },
      { version: "3.2", name: "Ruby 3.2", eol: "2026-03-31", source: RUBY },
      { version: "3.3", name: "Ruby 3.3", eol: "2027-03-31", source: RUBY },
    ],
  },
  {
    id: "php",
    support: "security support",
    images: ["library/php"],
    closedLines: ["5", "7"],
    releases: [
      { version: "5.3", name: "PHP 5.3", eol: "2014-08-14", source: PHP },
      { version: "5.4", name: "PHP 5.4", eol: "2015-09-03", source: PHP },
      { version: "5.5", name: "PHP 5.5", eol: "2016-07-21", source: PHP },
      { version: "5.6", name: "PHP 5.6", eol: "2018-12-31", source: PHP },
      { version: "7.0", name: "PHP 7.0", eol: "2019-01-10", source: PHP },
      { version: "7.1", name: "PHP 7.1", eol: "2019-12-01", source: PHP },
      { version: "7.2", name: "PHP 7.2", eol: "2020-11-30", source: PHP },
      { version: "7.3", name: "PHP 7.3", eol: "2021-12-06", source: PHP },
      { version: "7.4", name: "PHP 7.4", eol: "2022-11-28", source: PHP },
      { version: "8.0", name: "PHP 8.0", eol: "2023-11-26", source: PHP },
      { version: "8.1", name: "PHP 8.1", eol: "2025-12-31", source: PHP_SUPPORTED },
      { version: "8.2", name: "PHP 8.2", eol: "2026-12-31", source: PHP_SUPPORTED },
      { version: "8.3", name: "PHP 8.3", eol: "2027-12-31", source: PHP_SUPPORTED },
      { version: "8.4", name: "PHP 8.4", eol: "2028-12-31", source: PHP_SUPPORTED },
    ],
  },
  {
    // Docker's `openjdk` image: deprecated, its release (non early-access) tags last updated in July 2022.
    id: "openjdk-image",
    support: "updates of the Docker `openjdk` image (deprecated; only early-access tags are still built)",
    images: ["library/openjdk"],
    replacement: "the `openjdk` image is deprecated; use `eclipse-temurin:21` (or `amazoncorretto`, `sapmachine`, `ibm-semeru-runtimes`)",
    releases: ["6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18"].map((version) => ({
      version,
      name: `OpenJDK ${version} (the \`openjdk\` image)`,
      eol: "2022-07-31",
      source: OPENJDK_IMAGE,
      suggest: false,
    })),
  },
  {
    // Eclipse Temurin's LTS releases (8, 11, 17, 21, 25) are supported for years; its feature
    // releases end when the next one ships.
    id: "temurin",
    support: "updates (a non-LTS Java release is supported until the next release)",
    images: ["library/eclipse-temurin"],
    releases: [
      { version: "11", name: "Eclipse Temurin 11 (LTS)", eol: "2027-10-31", source: ADOPTIUM },
      { version: "16", name: "Eclipse Temurin 16", eol: "2021-09-14", source: JAVA, suggest: false },
      { version: "17", name: "Eclipse Temurin 17 (LTS)", eol: "2027-10-31", source: ADOPTIUM },
      { version: "18", name: "Eclipse Temurin 18", eol: "2022-09-20", source: JAVA, suggest: false },
      { version: "19", name: "Eclipse Temurin 19", eol: "2023-03-21", source: JAVA, suggest: false },
      { version: "20", name: "Eclipse Temurin 20", eol: "2023-09-19", source: JAVA, suggest: false },
      { version: "21", name: "Eclipse Temurin 21 (LTS)", eol: "2029-12-31", source: ADOPTIUM },
      { version: "22", name: "Eclipse Temurin 22", eol: "2024-09-17", source: JAVA, suggest: false },
      { version: "23", name: "Eclipse Temurin 23", eol: "2025-03-18", source: JAVA, suggest: false },
      { version: "24", name: "Eclipse Temurin 24", eol: "2025-09-16", source: JAVA, suggest: false },
      { version: "25", name: "Eclipse Temurin 25 (LTS)", eol: "2031-09-30", source: ADOPTIUM },
    ],
  },
];

const product = (id: string): EolProduct => EOL_PRODUCTS.find((p) => p.id === id) as EolProduct;
const DEBIAN = product("debian");
const ALPINE_LINUX = product("alpine");
const UBUNTU_LINUX = product("ubuntu");

const BY_IMAGE: ReadonlyMap<string, EolProduct> = new Map(EOL_PRODUCTS.flatMap((p) => p.images.map((image) => [image, p] as const)));

/** Compares dotted versions numerically (`3.10` > `3.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The release a version written in a tag names: `3.8.10` → 3.8, `16.20.2` → 16, `0.10.48` → 0.10,
 * `2` → 2.7 when the line `2` is closed; undefined for a version that names a moving line
 * (`python:3`) or is not in the table. A release matches as a prefix only up to a dot, so `3.1`
 * never takes `3.10`.
 */
export function findRelease(product: EolProduct, version: string): EolRelease | undefined {
  const exact = product.releases.find((r) => version === r.version || version.startsWith(`${r.version}.`));
  if (exact) return exact;
  if (product.closedLines?.includes(version)) {
    let latest: EolRelease | undefined;
    for (const r of product.releases) {
      if (r.version.split(".")[0] === version && (!latest || compareVersions(r.version, latest.version) > 0)) latest = r;
    }
    return latest;
  }
  return undefined;
}

function findByCodename(product: EolProduct, word: string): EolRelease | undefined {
  const lower = word.toLowerCase();
  return product.releases.find((r) => r.codenames?.includes(lower));
}

/** Adds one year to an ISO date. */
function inAYear(today: string): string {
  return `${String(Number(today.slice(0, 4)) + 1).padStart(4, "0")}${today.slice(4)}`;
}

/**
 * The release to move to: the oldest suggestable release newer than `release` that is supported
 * for at least another year, else the newest supported one; undefined when the table has none.
 */
export function nextSupported(product: EolProduct, release: EolRelease, today: string): EolRelease | undefined {
  const candidates = product.releases
    .filter((r) => r.suggest !== false && compareVersions(r.version, release.version) > 0 && (r.eol === undefined || r.eol > today))
    .sort((a, b) => compareVersions(a.version, b.version));
  const horizon = inAYear(today);
  return candidates.find((r) => r.eol === undefined || r.eol >= horizon) ?? candidates.at(-1);
}

/** A base image past its end of life. */
export interface EolFinding {
  product: EolProduct;
  release: EolRelease & { eol: string };
  /** The release is the image's own (`python:3.8`) or the distribution of a variant tag (`python:3.12-buster`). */
  via: "release" | "variant";
  /** The part of the tag that names the release, as offsets into the tag. */
  tagSpan: readonly [number, number] | undefined;
  /** What to use instead, in words with the image reference in backticks. */
  upgrade: string;
}

const VERSION = /^(\d+(?:\.\d+)*)(?!\.?\d)(.*)$/;

/** Pre-release tags (`1.21rc2`, `3.13.0a1`, `3.14.0b3`, `24-ea-12`) are not releases with a support period. */
const PRERELEASE = /^(?:rc\d*|a\d+|b\d+|alpha\d*|beta\d*|ea)$/i;

function upgradeText(product: EolProduct, release: EolRelease, today: string, repository: string, suffix: string): string {
  const next = nextSupported(product, release, today);
  if (next) return `move to ${next.name} (\`${repository}:${next.version}${suffix}\`)`;
  return product.replacement ?? "move to a supported release";
}

function eolAt(release: EolRelease | undefined, today: string): (EolRelease & { eol: string }) | undefined {
  return release?.eol !== undefined && release.eol < today ? (release as EolRelease & { eol: string }) : undefined;
}

/**
 * Judges an image reference (tag already resolved, without variables) against the table on
 * `today` (ISO date). Only Docker Hub's official images are judged: other namespaces use their
 * own tags and support periods.
 */
export function judgeImage(ref: { domain: string; fullPath: string; tag: string | undefined; digest: string | undefined }, today: string): EolFinding | undefined {
  if (ref.domain !== "docker.io") return undefined;
  const owner = BY_IMAGE.get(ref.fullPath);
  if (!owner) return undefined;
  // A missing tag means `latest` but has no span to point at; a digest alone names no release.
  const key = `${today} ${ref.fullPath}${ref.tag !== undefined ? `:${ref.tag}` : ref.digest === undefined ? "" : "@"}`;
  return judged.lookup(key, () => judgeOfficialImage(owner, ref, today));
}

/**
 * Judgments by day, image and tag: a run names the same official images over and over (the
 * Dockerfile corpus: 2,033 FROMs, 428 distinct), and judging one (release lookup, upgrade advice)
 * was most of no-eol-base-image's time (the rule alone on that corpus: 1.8 → 0.6 µs/file).
 * Bounded, as an editor session may see any number of tags.
 */
const judged = new BoundedCache<string, EolFinding | undefined>(1024);

function judgeOfficialImage(owner: EolProduct, ref: { fullPath: string; tag: string | undefined; digest: string | undefined }, today: string): EolFinding | undefined {
  const repository = ref.fullPath.slice("library/".length);
  const tag = ref.tag ?? (ref.digest === undefined ? "latest" : undefined);
  if (tag === undefined || tag.includes("$")) return undefined;
  const parts = tag.split("-");
  const first = parts[0] ?? "";
  let release = findByCodename(owner, first);
  let span: [number, number] = [0, first.length];
  if (!release) {
    const word = owner.id === "centos" ? first.replace(/^centos/i, "") : first;
    const match = VERSION.exec(word);
    if (match) {
      const [, version = "", rest = ""] = match;
      // OpenJDK's `8u212`: update 212 of Java 8.
      const javaUpdate = owner.id.startsWith("openjdk") || owner.id === "temurin" ? /^u\d+$/.test(rest) : false;
      if (rest === "" || javaUpdate) {
        release = findRelease(owner, version);
        span = [first.length - word.length, first.length - word.length + version.length];
      } else if (PRERELEASE.test(rest)) {
        return undefined;
      }
    }
  }
  // `openjdk:19-ea-…`, `eclipse-temurin:24-ea`: early-access builds.
  if (parts.slice(1).some((p) => PRERELEASE.test(p))) return undefined;
  const suffix = tag.slice(first.length);
  const own = eolAt(release, today);
  if (own) {
    return { product: owner, release: own, via: "release", tagSpan: ref.tag === undefined ? undefined : span, upgrade: upgradeText(owner, own, today, repository, variantFree(suffix)) };
  }
  // The distribution a runtime image is built on: `-buster`, `-slim-stretch`, `-alpine3.12`, `-focal`.
  if (owner === DEBIAN || owner === UBUNTU_LINUX || owner === ALPINE_LINUX || owner.id === "centos") return undefined;
  let offset = first.length + 1;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i] ?? "";
    const span: [number, number] = [offset, offset + part.length];
    offset += part.length + 1;
    for (const distro of [DEBIAN, UBUNTU_LINUX]) {
      const found = eolAt(findByCodename(distro, part), today);
      if (found) return variantFinding(owner, distro, found, span, today, repository, tag);
    }
    const alpine = /^alpine(\d+\.\d+)$/.exec(part);
    if (alpine) {
      const found = eolAt(findRelease(ALPINE_LINUX, alpine[1] ?? ""), today);
      if (found) return variantFinding(owner, ALPINE_LINUX, found, span, today, repository, tag);
    }
  }
  return undefined;
}

/** The variant suffix of a tag without a distribution release in it (`-slim-buster` → `-slim`). */
function variantFree(suffix: string): string {
  return suffix
    .split("-")
    .map((part) => (/^alpine\d/.test(part) ? "alpine" : part))
    .filter((part) => !findByCodename(DEBIAN, part) && !findByCodename(UBUNTU_LINUX, part) && !/^\d{8}$/.test(part))
    .join("-");
}

function variantFinding(
  owner: EolProduct,
  distro: EolProduct,
  release: EolRelease & { eol: string },
  span: [number, number],
  today: string,
  repository: string,
  tag: string,
): EolFinding {
  const next = nextSupported(distro, release, today);
  const replacementWord = next ? (distro === ALPINE_LINUX ? `alpine${next.version}` : (next.codenames?.[0] ?? next.version)) : undefined;
  const upgrade = replacementWord
    ? `use a tag built on ${next?.name ?? ""} (\`${repository}:${tag.slice(0, span[0])}${replacementWord}${tag.slice(span[1])}\`)`
    : `use a tag built on a supported ${distro.id} release`;
  return { product: distro, release, via: "variant", tagSpan: span, upgrade };
}

/** "Today" for the rule: `settings.eolDate` (ISO date) when set, else the wall clock (UTC). */
export function eolToday(setting: unknown): string {
  if (typeof setting === "string" && /^\d{4}-\d{2}-\d{2}$/.test(setting)) return setting;
  // Formatting a date costs more than judging most files: format once per UTC day.
  const day = Math.floor(Date.now() / MS_PER_DAY);
  if (day !== formattedDay.day) formattedDay = { day, text: new Date(day * MS_PER_DAY).toISOString().slice(0, 10) };
  return formattedDay.text;
}

/**
 * What of the date `today` the end-of-life rules can see: the outcome of every comparison they
 * make between it and the table's dates (past the date, before it, more than a year before it).
 * Two days with the same key give every file the same findings, so a result cache (the CLI's
 * --cache) keeps its entries until the next date in the table is reached, not only for a day.
 */
export function eolCalendarKey(today: string): string {
  const horizon = inAYear(today);
  let key = "";
  for (const product of EOL_PRODUCTS) {
    for (const release of product.releases) {
      if (release.eol === undefined) continue;
      key += `${release.eol < today ? 1 : 0}${release.eol > today ? 1 : 0}${release.eol >= horizon ? 1 : 0}`;
    }
  }
  return key;
}

const MS_PER_DAY = 86_400_000;
let formattedDay = { day: Number.NaN, text: "" };
