/**
 * Which program `yum` runs on an RPM-family base image, and where that program keeps root's
 * cache. Real yum (yum 3: RHEL, CentOS and Oracle Linux 7 and older, Amazon Linux 1 and 2,
 * Fedora 21 and older) keeps it in /var/cache/yum. From RHEL 8 (and its rebuilds: CentOS 8 and
 * Stream, Rocky, Alma, Oracle Linux 8), Fedora 22 and Amazon Linux 2023 on, `yum` is a link to
 * dnf, which keeps it in /var/cache/dnf; Fedora 41 and later link it to dnf5
 * (/var/cache/libdnf5). RHEL 10 still ships dnf 4; dnf5 comes with RHEL 11, whose images are not
 * out, so EL 11 and later are left unknown.
 *
 * Only the distributions' own images are classified, by the version their name or tag gives;
 * any other image (a company base, `FROM $BASE`, a digest without a tag) is unknown, and the
 * caller names both directories.
 */
import { familiarName, parseImageReference } from "../../image/reference.js";

export type YumProgram = "yum" | "dnf" | "dnf5";

export interface YumOfImage {
  program: YumProgram;
  /** Root's cache directory of that program. */
  cache: string;
}

const CACHES: Readonly<Record<YumProgram, string>> = { yum: "/var/cache/yum", dnf: "/var/cache/dnf", dnf5: "/var/cache/libdnf5" };

function of(program: YumProgram | undefined): YumOfImage | undefined {
  return program ? { program, cache: CACHES[program] } : undefined;
}

/** RHEL and its rebuilds by major version: yum up to 7, dnf 4 from 8 to 10. */
function enterpriseLinux(major: number | undefined): YumProgram | undefined {
  if (major === undefined || major < 5) return undefined;
  if (major <= 7) return "yum";
  return major <= 10 ? "dnf" : undefined;
}

/** Fedora: dnf replaced yum in 22, dnf5 replaced dnf in 41 (Changes/SwitchToDnf5: dnf5 provides the `yum` link). */
function fedora(tag: string): YumProgram | undefined {
  if (tag === "latest" || tag === "rawhide") return "dnf5";
  const major = leadingNumber(tag);
  if (major === undefined) return undefined;
  if (major <= 21) return "yum";
  return major <= 40 ? "dnf" : "dnf5";
}

/** Amazon Linux 1 (`1`, `2017.09`, `2018.03`) and 2 keep yum; 2023 has dnf. `latest` moves with new releases: unknown. */
function amazonLinux(tag: string): YumProgram | undefined {
  const major = leadingNumber(tag);
  if (major === 1 || major === 2 || major === 2017 || major === 2018) return "yum";
  return major === 2023 ? "dnf" : undefined;
}

function leadingNumber(text: string): number | undefined {
  const digits = /^\d+/.exec(text)?.[0];
  return digits === undefined ? undefined : Number(digits);
}

/** The image's tag, `latest` when it has neither tag nor digest, undefined for a digest alone (the version is not told). */
function tagOf(tag: string | undefined, digest: string | undefined): string | undefined {
  if (tag !== undefined) return tag.toLowerCase();
  return digest === undefined ? "latest" : undefined;
}

const ROCKY = new Set(["rockylinux", "rockylinux/rockylinux", "quay.io/rockylinux/rockylinux"]);
const ALMA = new Set(["almalinux", "almalinux/almalinux", "quay.io/almalinuxorg/almalinux", "quay.io/almalinux/almalinux"]);
const ORACLE = new Set(["oraclelinux", "container-registry.oracle.com/os/oraclelinux"]);
const FEDORA = new Set(["fedora", "fedora/fedora", "registry.fedoraproject.org/fedora", "quay.io/fedora/fedora"]);
const AMAZON = new Set(["amazonlinux", "public.ecr.aws/amazonlinux/amazonlinux"]);
const RED_HAT_REGISTRIES = new Set(["registry.access.redhat.com", "registry.redhat.io"]);

/**
 * What `yum` is on `image` (a FROM's image with its build arguments substituted), when the image
 * tells; undefined when it does not.
 */
export function yumOfImage(image: string): YumOfImage | undefined {
  const ref = parseImageReference(image.replace(/["']/g, ""));
  if (!ref || ref.hasVariables) return undefined;
  const name = familiarName(ref).toLowerCase();
  const tag = tagOf(ref.tag, ref.digest);
  // UBI and RHEL images carry the major version in their name (`ubi9/ubi`, `ubi8/python-39`,
  // `rhel7`, Docker Hub's `redhat/ubi9`), whatever the tag.
  const redHat = RED_HAT_REGISTRIES.has(ref.domain.toLowerCase()) ? ref.path.split("/")[0] : name.startsWith("redhat/") ? name.slice(7) : undefined;
  const named = redHat === undefined ? undefined : /^(?:ubi|rhel)(\d+)(?:$|-)/.exec(redHat.toLowerCase())?.[1];
  if (named !== undefined) return of(enterpriseLinux(Number(named)));
  // AlmaLinux's Docker Hub variants put the version in the name too: `almalinux/9-base`, `almalinux/8-minimal`.
  const almaVariant = /^(?:almalinux|quay\.io\/almalinuxorg)\/(\d+)-[a-z]+$/.exec(name)?.[1];
  if (almaVariant !== undefined) return of(enterpriseLinux(Number(almaVariant)));
  if (tag === undefined) return undefined;
  // `centos:latest` is CentOS 8: the image was frozen after CentOS Linux 8 reached its end.
  if (name === "centos") return of(enterpriseLinux(tag === "latest" ? 8 : leadingNumber(tag.replace(/^centos/, ""))));
  if (name === "quay.io/centos/centos") return of(enterpriseLinux(leadingNumber(tag.replace(/^(?:stream|centos)/, ""))));
  if (ROCKY.has(name) || ALMA.has(name) || ORACLE.has(name)) return of(enterpriseLinux(leadingNumber(tag)));
  if (FEDORA.has(name)) return of(fedora(tag));
  if (AMAZON.has(name)) return of(amazonLinux(tag));
  return undefined;
}
