import { parseImageReference } from "../image/reference.js";

/** `root`, `0`, `root:…`, `0:…` (what `USER` and Compose's `user:` accept for the superuser). */
export function isRootUser(user: string): boolean {
  const name = userName(user);
  return name === "root" || /^0+$/.test(name);
}

/** Windows containers' administrator (Windows user names are not case-sensitive). */
export function isWindowsAdministrator(user: string): boolean {
  return userName(user).toLowerCase() === "containeradministrator";
}

/**
 * Who a Windows image runs as when no USER is set: ContainerAdministrator for an image known to
 * set no user (Microsoft's bases), else whatever its config names (the Dockerfile and Compose
 * rules' messages share the words).
 */
export function windowsDefaultUser(knownAdministrator: boolean): string {
  return knownAdministrator
    ? "ContainerAdministrator, the administrator of a Windows container"
    : "the user its base image's config names, ContainerAdministrator unless it names another (docklint does not pull images)";
}

/** The user of a `user[:group]` value, without surrounding quotes. */
function userName(user: string): string {
  return user.trim().replace(/^["']|["']$/g, "").split(":")[0] ?? "";
}

/**
 * Options of `require-non-root-user`, shared by its Dockerfile and Compose rules (one id, one
 * set of options).
 */
export interface NonRootUserOptions {
  /** Base images known to run as a non-root user already (glob on the image as written, `*` wildcard). */
  nonRootBaseImages: string[];
}

export const NON_ROOT_USER_OPTIONS: { schema: Readonly<Record<string, unknown>>; defaults: NonRootUserOptions } = {
  schema: {
    type: "object",
    properties: { nonRootBaseImages: { type: "array", items: { type: "string" } } },
    additionalProperties: false,
  },
  defaults: {
    nonRootBaseImages: [
      "*:nonroot",
      "*:*-nonroot",
      "*:nonroot-*",
      "*:*-nonroot-*",
      "*:rootless",
      "*:*-rootless",
      // Microsoft's .NET chiseled and distroless images set `USER app` (uid 1654) in their config.
      "mcr.microsoft.com/dotnet/*:*-chiseled*",
      "mcr.microsoft.com/dotnet/*:*-distroless*",
      // Nano Server (1709 and later) runs as ContainerUser, not as an administrator; so do the
      // .NET and PowerShell images built on it. The 2016 releases (sac2016, 10.0.14393.*) ran as
      // ContainerAdministrator and stay reported.
      "mcr.microsoft.com/windows/nanoserver:ltsc*",
      "mcr.microsoft.com/windows/nanoserver:1809*",
      "mcr.microsoft.com/windows/nanoserver:1903*",
      "mcr.microsoft.com/windows/nanoserver:1909*",
      "mcr.microsoft.com/windows/nanoserver:2004*",
      "mcr.microsoft.com/windows/nanoserver:20H2*",
      "mcr.microsoft.com/dotnet/*:*-nanoserver-*",
      "mcr.microsoft.com/powershell:*nanoserver*",
      // Images whose own Dockerfile ends with a non-root USER (the publisher's, as built):
      // Grafana (`USER "$GF_UID"`, 472), k6 (`USER 12345`), Loki (`USER 10001`), Solr (`USER
      // $SOLR_UID`, 8983), Prometheus and its exporters (`USER nobody`), Elasticsearch, Kibana
      // and Logstash (uid 1000), SonarQube (`USER sonarqube`), Jenkins (`USER jenkins`), MailHog
      // (`USER mailhog`), Nexus (`USER nexus`), Keycloak (`USER 1000`), Airflow (`USER airflow`),
      // SQL Server 2019 and later (`USER mssql`), NGINX's unprivileged image (`USER 101`), the
      // OpenTelemetry Collector (`USER 10001`), Selenium (`USER 1200`).
      "grafana/grafana",
      "grafana/grafana:*",
      "grafana/grafana-oss*",
      "grafana/grafana-enterprise*",
      "grafana/k6",
      "grafana/k6:*",
      "grafana/loki",
      "grafana/loki:*",
      "solr",
      "solr:*",
      "prom/prometheus*",
      "prom/alertmanager*",
      "prom/node-exporter*",
      "elasticsearch:*",
      "kibana:*",
      "logstash:*",
      "docker.elastic.co/elasticsearch/elasticsearch*",
      "docker.elastic.co/kibana/kibana*",
      "docker.elastic.co/logstash/logstash*",
      "sonarqube",
      "sonarqube:*",
      "jenkins/jenkins",
      "jenkins/jenkins:*",
      "mailhog/mailhog",
      "mailhog/mailhog:*",
      "sonatype/nexus3",
      "sonatype/nexus3:*",
      "quay.io/keycloak/keycloak*",
      "apache/airflow",
      "apache/airflow:*",
      "mcr.microsoft.com/mssql/server:2019*",
      "mcr.microsoft.com/mssql/server:2022*",
      "mcr.microsoft.com/mssql/server:2025*",
      "nginxinc/nginx-unprivileged*",
      "otel/opentelemetry-collector*",
      "selenium/*",
    ],
  },
};

/**
 * Each `nonRootBaseImages` list compiled once into one case-insensitive alternation: the list
 * comes from the resolved options, the same array for every file of a run. Mapping ~50 globs to
 * cached regexes and testing each twice per call was half of require-non-root-user's time
 * (the rule alone on the Dockerfile corpus: 2.1 → 0.7 µs/file).
 */
const compiledLists = new WeakMap<readonly string[], RegExp>();

function compileGlobs(patterns: readonly string[]): RegExp {
  let compiled = compiledLists.get(patterns);
  if (!compiled) {
    const alternatives = patterns.map((pattern) => pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*"));
    compiled = new RegExp(`^(?:${alternatives.join("|")})$`, "i");
    compiledLists.set(patterns, compiled);
  }
  return compiled;
}

/**
 * Bases whose user is root when their config names none, besides Docker Official Images: the
 * official images' per-architecture repositories (`arm64v8/alpine`), and publishers' images
 * that document root (or ContainerAdministrator) as their default: Microsoft's .NET, Windows and
 * Azure Linux images, distroless without `:nonroot`, Red Hat's UBI.
 */
const ROOT_BY_DEFAULT = [
  "docker.io/amd64/*", "docker.io/arm32v5/*", "docker.io/arm32v6/*", "docker.io/arm32v7/*", "docker.io/arm64v8/*",
  "docker.io/i386/*", "docker.io/mips64le/*", "docker.io/ppc64le/*", "docker.io/riscv64/*", "docker.io/s390x/*",
  "docker.io/microsoft/*", "mcr.microsoft.com/dotnet/*", "mcr.microsoft.com/windows/*", "mcr.microsoft.com/windowsservercore*",
  "mcr.microsoft.com/cbl-mariner/*", "mcr.microsoft.com/azurelinux/*", "gcr.io/distroless/*", "registry.access.redhat.com/ubi*",
  "docker.io/redhat/ubi*",
];

/**
 * Whether docklint knows that a base image with no USER of the Dockerfile's runs as root: a
 * Docker Official Image (`node`, `library/python`, `docker.io/library/debian`, `scratch`), whose
 * config sets no user unless `nonRootBaseImages` lists it, or one of `ROOT_BY_DEFAULT`. Another
 * publisher's image may set a user in its config, which a linter that never pulls cannot read,
 * and a base named by a variable without a default is not known at all. An image the default
 * `nonRootBaseImages` lists is never known to run as root, even where a config replaces the list.
 */
export function isRootBaseImage(image: string): boolean {
  // What the default list knows to run as another user is not root, whatever list a config
  // gives instead (`gcr.io/distroless/static:nonroot`, `solr:9`, a .NET chiseled image).
  if (isNonRootBaseImage(image, NON_ROOT_USER_OPTIONS.defaults.nonRootBaseImages)) return false;
  const ref = parseImageReference(image.replace(/@[a-z0-9]+:[0-9a-f]+$/i, ""));
  if (!ref || ref.hasVariables) return false;
  if (ref.domain === "docker.io" && ref.fullPath.startsWith("library/")) return true;
  return compileGlobs(ROOT_BY_DEFAULT).test(`${ref.domain}/${ref.path}`);
}

/** Whether a base image (as resolved in FROM) matches `nonRootBaseImages`, with or without its digest. */
export function isNonRootBaseImage(image: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return false;
  const matcher = compileGlobs(patterns);
  if (matcher.test(image)) return true;
  // A digest does not change the image's user: `distroless/static:nonroot@sha256:…` is `:nonroot`.
  const withoutDigest = image.replace(/@[a-z0-9]+:[0-9a-f]+$/i, "");
  return withoutDigest !== image && matcher.test(withoutDigest);
}
