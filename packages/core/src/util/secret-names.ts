/**
 * Does a variable name look like it holds a secret? Shared by every rule that judges
 * names of build arguments and environment variables (Dockerfile `ARG`/`ENV`, Compose
 * `environment:` and `build.args`), so that all of them agree.
 *
 * Only the name is judged, never the value (but see `isPublicKeyValue`): values are
 * usually empty defaults or variables, and guessing secrets from values belongs to a secret scanner.
 *
 * How a name is read:
 *  1. `allow` entries win, then `extraNames`; both are names (case-insensitive) or
 *     `/regex/flags` strings.
 *  2. A few well-known names are decided outright (`AWS_ACCESS_KEY_ID`, `MYSQL_PWD`
 *     are secrets; `GOOGLE_APPLICATION_CREDENTIALS` is a file path).
 *  3. Otherwise the name is split into words at `_`, `-`, `.` and camelCase
 *     boundaries, and read like an English compound noun, whose last word is the
 *     thing named: `DB_PASSWORD` is a password, `DB_PASSWORD_FILE` is a file and
 *     `PASSWORD_MIN_LENGTH` is a number. A name is a secret when it contains a secret
 *     word (password, passwd, passphrase, pword, psw, secret, token, apikey, credential,
 *     auth, key, pass as the last word) and no "not the secret itself" word follows the
 *     last secret word (file, path, url, version, id, name, user(s), length, enabled,
 *     whitelist, allowed, …). A checksum word (sha256, md5, checksum) after a key or token
 *     names a checksum (`KEY_RPM_DOWNLOAD_SHA256`); after a password it is a password hash.
 *  4. Public things are not secrets: any `public`/`publishable` word, and `key`/`token`
 *     right after a word that makes them public or not a credential (`GPG_KEY`,
 *     `PUB_KEY`, `SITE_KEY`, `CACHE_KEY`, `MAX_TOKENS`). The one judgement on a value,
 *     `isPublicKeyValue`, is the rules' to make: a key name whose value is OpenPGP key
 *     fingerprints (`GPG_COUCH_KEY=390EF70B…`, `SWIFT_SIGNING_KEY=A62AE125…`, a list of them).
 *  5. Names that start with a verb or a negation (`ALLOW_EMPTY_PASSWORD`, `DISABLE_AUTH`,
 *     `NO_PASSWORD`) are switches about secrets, not secrets.
 *  6. Confluent's `KAFKA_SSL_{KEYSTORE,KEY,TRUSTSTORE}_CREDENTIALS` name the file that holds
 *     the password, not the password; etcd's `INITIAL_CLUSTER_TOKEN` is an identifier.
 */
import { trimEndWhere } from "./trim-end.js";
import { BoundedCache } from "./bounded-cache.js";

export interface SecretNameOptions {
  /** Names (case-insensitive) or `/regex/flags` strings that are never secrets. */
  allow?: readonly string[];
  /** Names (case-insensitive) or `/regex/flags` strings that are always secrets. */
  extraNames?: readonly string[];
}

/** The options of every `no-secrets-in-env` rule (one id, one set of options across file kinds). */
export const SECRET_NAME_RULE_OPTIONS: { schema: Readonly<Record<string, unknown>>; defaults: Required<{ allow: string[]; extraNames: string[] }> } = {
  schema: {
    type: "object",
    properties: {
      allow: { type: "array", items: { type: "string" } },
      extraNames: { type: "array", items: { type: "string" } },
    },
    additionalProperties: false,
  },
  defaults: { allow: [], extraNames: [] },
};

/** The options object of the `no-secrets-in-env` rules. */
export interface SecretRuleOptions {
  /** Names (case-insensitive) or `/regex/flags` strings never reported. */
  allow: readonly string[];
  /** Names (case-insensitive) or `/regex/flags` strings always reported. */
  extraNames: readonly string[];
}

/** Why a name was judged a secret, as the rules' messages say it. */
export const SECRET_REASONS = {
  word: (word: string) => `the word "${word}"`,
  known: () => "a well-known credential variable",
  extra: () => "listed in the `extraNames` option",
} as const;

export interface SecretNameMatch {
  /** Why: a secret word in the name, a well-known credential variable, or the caller's `extraNames`. */
  kind: "word" | "known" | "extra";
  /** The word that makes the name a secret (the whole name for `known` and `extra`). */
  word: string;
}

/** Names that are secrets though the word rules would not say so (or would say otherwise). */
const KNOWN_SECRETS: ReadonlySet<string> = new Set([
  "AWS_ACCESS_KEY_ID", // one half of an AWS credential pair; listed by hadolint, BuildKit and Trivy
  "MYSQL_PWD", // the MySQL client's password variable
  "SONAR_LOGIN", // a SonarQube token, despite the name
  "SONAR_TOKEN",
  "NPM_CONFIG__AUTH",
]);

/** Names that the word rules would call secrets but that hold something else. */
const KNOWN_NOT_SECRETS: ReadonlySet<string> = new Set([
  "GOOGLE_APPLICATION_CREDENTIALS", // path to a credentials file
  "SSH_AUTH_SOCK", // path to the ssh-agent socket
  "GIT_ASKPASS",
  "SSH_ASKPASS",
  "SUDO_ASKPASS",
]);

/** Words that name a secret wherever they are in the name. */
const STRONG_WORDS: ReadonlySet<string> = new Set([
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "pword",
  "psw", // Jenkins credentials binding: FOO_USR / FOO_PSW
  "secret",
  "secrets",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "credential",
  "credentials",
  "creds",
  "auth",
  "privatekey",
  "secretkey",
  "accesskey",
]);

/** Run-together words ending in these are secrets too (`PGPASSWORD`, `CLIENTSECRET`, `AUTHTOKEN`). */
const STRONG_SUFFIXES: readonly string[] = ["password", "passwd", "passphrase", "secret", "token", "apikey"];

/** `key`/`token` right after one of these is public or not a credential. */
const NON_CREDENTIAL_MODIFIERS: ReadonlySet<string> = new Set([
  "gpg",
  "pgp",
  "gnupg",
  "pub",
  "site", // reCAPTCHA / hCaptcha site key, shipped to browsers
  "verify",
  "verification",
  "cache",
  "sort",
  "partition",
  "primary",
  "foreign",
  "routing",
  "idempotency",
  "dedup",
  "deduplication",
  "shard",
  "lookup",
  "max",
  "min",
  "num",
]);

/** Words that, after the last secret word, make the name about something else than the secret. */
const NOT_THE_SECRET: ReadonlySet<string> = new Set([
  // where it is
  "file",
  "files",
  "path",
  "paths",
  "dir",
  "dirs",
  "directory",
  "folder",
  "location",
  "mount",
  "sock",
  "socket",
  "url",
  "urls",
  "uri",
  "endpoint",
  "host",
  "hostname",
  "server",
  "servers",
  "source",
  "port",
  "protocol",
  "domain",
  "realm",
  "issuer",
  "audience",
  "scope",
  "scopes",
  "callback",
  "redirect",
  // which one it is
  "version",
  "ver",
  "id",
  "ids",
  "name",
  "names",
  "arn",
  "ref",
  "alias",
  "fingerprint",
  "fpr",
  "keyring",
  "hint",
  // what kind it is
  "type",
  "kind",
  "size",
  "length",
  "len",
  "bits",
  "algorithm",
  "algo",
  "alg",
  "format",
  "policy",
  "rotation",
  "min",
  "max",
  "limit",
  "count",
  "per",
  "prefix",
  "suffix",
  "expiry",
  "expires",
  "expiration",
  "ttl",
  "timeout",
  "lifetime",
  "duration",
  "interval",
  // how it is used
  "enabled",
  "enable",
  "disabled",
  "disable",
  "required",
  "mode",
  "method",
  "mechanism",
  "converter",
  "role",
  "roles",
  "language",
  "locale",
  "provider",
  "strategy",
  "scheme",
  "backend",
  "plugin",
  "module",
  "service",
  // who it belongs to, one or several (`AUTHENTICATION_APIKEY_USERS`: the users the API keys are for)
  "user",
  "users",
  "username",
  "usernames",
  "usr",
  "login",
  "logins",
  "email",
  "emails",
  "mail",
  "owner",
  "owners",
  "group",
  "groups",
  // which requests or values pass, not a credential: umbrel's app-proxy test Compose files set
  // `PROXY_AUTH_WHITELIST: "/admin/*,/admin2/*"` and `PROXY_AUTH_BLACKLIST`, the paths that skip or
  // need authentication. A bare `list` is not here: `API_KEY_LIST=k1,k2` holds the keys themselves.
  "whitelist",
  "whitelists",
  "blacklist",
  "blacklists",
  "allowlist",
  "allowlists",
  "denylist",
  "denylists",
  "blocklist",
  "blocklists",
  "safelist",
  "safelists",
  "allowed",
]);

/** `WHITE_LIST`, `ALLOW_LIST`: the two-word spellings of the list words of `NOT_THE_SECRET`. */
const LIST_QUALIFIERS: ReadonlySet<string> = new Set(["white", "black", "allow", "deny", "block", "safe"]);

/**
 * Words that name a checksum of something (`KEY_RPM_DOWNLOAD_SHA256`, percona-docker's checksum of
 * the downloaded GPG key package). Only after a word for a generated secret (see `DIGESTIBLE`): a digest
 * of a password is a hash that can be cracked by guessing, as `PASSWORD_HASH` can
 * (`CH_DEFAULT_PASSWORD_SHA256`, ClickHouse's `password_sha256_hex`). `hash` is not here for that
 * reason: it is the usual word for a password hash, whatever secret word comes before it.
 */
const CHECKSUM_WORDS: ReadonlySet<string> = new Set([
  "checksum",
  "checksums",
  "md5",
  "md5sum",
  "sha1",
  "sha1sum",
  "sha224",
  "sha256",
  "sha256sum",
  "sha384",
  "sha512",
  "sha512sum",
  "shasum",
]);

/** Secret words for generated values (keys, tokens), whose digest does not give the value away. */
const DIGESTIBLE: ReadonlySet<string> = new Set(["key", "keys", "token", "tokens", "apikey", "apikeys", "privatekey", "secretkey", "accesskey"]);

/** Key and trust stores whose passwords Confluent's images read from a file named by `KAFKA_SSL_<store>_CREDENTIALS`. */
const CONFLUENT_STORES: ReadonlySet<string> = new Set(["key", "keystore", "truststore"]);

/**
 * Confluent's cp-kafka and cp-server images read `KAFKA_SSL_KEYSTORE_CREDENTIALS` (and `_KEY_`,
 * `_TRUSTSTORE_`) as the name of a file under `/etc/kafka/secrets` that holds the password
 * (`cat "/etc/kafka/secrets/$KAFKA_SSL_KEYSTORE_CREDENTIALS"`): the value is a file name whatever
 * it looks like (`broker_keystore_creds`), and a password written there fails the start. The
 * listener-scoped spelling of Confluent's own examples (`KAFKA_LISTENER_NAME_CONTROLLER_SSL_…`)
 * keeps that meaning.
 */
function isConfluentCredentialsFile(words: readonly string[]): boolean {
  const n = words.length;
  return n >= 4 && words[0] === "kafka" && words[n - 3] === "ssl" && CONFLUENT_STORES.has(words[n - 2] ?? "") && words[n - 1] === "credentials";
}

/**
 * etcd's `--initial-cluster-token` (`ETCD_INITIAL_CLUSTER_TOKEN`) only keeps the members of two
 * clusters bootstrapped side by side apart ("etcd-cluster-1"): it makes the cluster and member
 * IDs unique and authenticates nothing (etcd's clustering guide), and etcd reads no `_FILE` form.
 */
function isEtcdClusterToken(words: readonly string[]): boolean {
  const n = words.length;
  return n >= 3 && words[n - 3] === "initial" && words[n - 2] === "cluster" && words[n - 1] === "token";
}

/** First words that make the name a switch about secrets (`ALLOW_EMPTY_PASSWORD`). */
const SWITCH_PREFIXES: ReadonlySet<string> = new Set([
  "allow",
  "enable",
  "disable",
  "skip",
  "use",
  "require",
  "no",
  "without",
  "is",
  "has",
  "should",
  "must",
  "force",
]);

/** Words that make the name public wherever they are (`NEXT_PUBLIC_API_KEY`, `STRIPE_PUBLISHABLE_KEY`). */
const PUBLIC_WORDS: ReadonlySet<string> = new Set(["public", "publishable"]);

/** Splits `OKTA_OAuth2ClientSecret` into `okta`, `o`, `auth2`, `client`, `secret`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])(?=[A-Z][a-z])/g, "$1_")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

interface CompiledPattern {
  test(name: string): boolean;
}

const patternCache = new BoundedCache<string, CompiledPattern>(1000);

/** A name (case-insensitive) or a `/regex/flags` string. An invalid regex is taken as a plain name. */
function compile(entry: string): CompiledPattern {
  return patternCache.lookup(entry, compileUncached);
}

function compileUncached(entry: string): CompiledPattern {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(entry);
  if (regex) {
    try {
      const re = new RegExp(regex[1] ?? "", (regex[2] ?? "").replace(/[gy]/g, ""));
      return { test: (name) => re.test(name) };
    } catch {
      // Not a valid regex: a plain name.
    }
  }
  const upper = entry.toUpperCase();
  return { test: (name) => name.toUpperCase() === upper };
}

function matchesAny(name: string, entries: readonly string[] | undefined): boolean {
  return (entries ?? []).some((entry) => compile(entry).test(name));
}

function isStrongWord(word: string): boolean {
  if (STRONG_WORDS.has(word)) return true;
  // `password1`, `token2`: a digit suffix does not change the word (but `auth0` is a product).
  const stem = trimEndWhere(word, (char) => char >= "0" && char <= "9");
  if (stem !== word && stem !== "auth" && STRONG_WORDS.has(stem)) return true;
  return STRONG_SUFFIXES.some((suffix) => stem.length > suffix.length && stem.endsWith(suffix));
}

/** Whether word `i` of the name names a secret. */
function isSecretWord(words: readonly string[], i: number): boolean {
  const word = words[i] ?? "";
  const previous = i > 0 ? words[i - 1] : undefined;
  if (word === "key" || word === "keys" || word === "token" || word === "tokens") {
    return previous === undefined || !NON_CREDENTIAL_MODIFIERS.has(previous);
  }
  // `DB_PASS` is a password; `PASS_THROUGH` is not.
  if (word === "pass") return i === words.length - 1;
  return isStrongWord(word);
}

const NO_OPTIONS: SecretNameOptions = Object.freeze({});
const MAX_CACHED_NAMES = 10_000;

/**
 * Answers per options object (a run passes the same one for every file) and name, shared between
 * callers (do not modify them): the rules ask about the same names in file after file.
 */
const matchCache = new WeakMap<SecretNameOptions, BoundedCache<string, SecretNameMatch | undefined>>();

/**
 * Why `name` looks like a secret (the word that decides it), or undefined when it does not.
 * See the module comment for the rules.
 */
export function secretNameMatch(name: string, options: SecretNameOptions = NO_OPTIONS): SecretNameMatch | undefined {
  let byName = matchCache.get(options);
  if (!byName) {
    // Bounded: the names of a run repeat (`POSTGRES_PASSWORD`, `TZ`), but a long-lived process sees many.
    byName = new BoundedCache(MAX_CACHED_NAMES);
    matchCache.set(options, byName);
  }
  return byName.lookup(name, (n) => matchName(n, options));
}

function matchName(name: string, options: SecretNameOptions): SecretNameMatch | undefined {
  if (name === "" || name.includes("$")) return undefined;
  if (matchesAny(name, options.allow)) return undefined;
  if (matchesAny(name, options.extraNames)) return { kind: "extra", word: name };
  const upper = name.toUpperCase();
  if (KNOWN_NOT_SECRETS.has(upper)) return undefined;
  if (KNOWN_SECRETS.has(upper)) return { kind: "known", word: name };

  const words = nameWords(name);
  if (words.some((word) => PUBLIC_WORDS.has(word))) return undefined;
  if (words.length > 1 && SWITCH_PREFIXES.has(words[0] ?? "")) return undefined;
  if (isConfluentCredentialsFile(words) || isEtcdClusterToken(words)) return undefined;

  let last = -1;
  for (let i = 0; i < words.length; i++) if (isSecretWord(words, i)) last = i;
  if (last < 0) return undefined;

  const after = words.slice(last + 1);
  if (after.some((word, i) => NOT_THE_SECRET.has(word) || (isListWord(word) && LIST_QUALIFIERS.has(after[i - 1] ?? "")))) {
    // `*_ACCESS_KEY_ID` is one half of a credential pair (AWS, MinIO, R2, Spaces), not a key's label.
    const accessKeyId = words[last] === "key" && after[0] === "id" && words[last - 1] === "access";
    if (!accessKeyId) return undefined;
  }
  if (DIGESTIBLE.has(words[last] ?? "") && after.some((word) => CHECKSUM_WORDS.has(word))) return undefined;
  return { kind: "word", word: words[last] ?? name };
}

function isListWord(word: string): boolean {
  return word === "list" || word === "lists";
}

/** Words that make a name about an OpenPGP key (`GPG_COUCH_KEY`, `PGP_SIGNING_KEY`). */
const OPENPGP_WORDS: ReadonlySet<string> = new Set(["gpg", "pgp", "gnupg", "openpgp"]);

/**
 * Words that, right before `key`/`keys`, name the key a project signs its downloads with
 * (`SWIFT_SIGNING_KEY`, `GHC_RELEASE_KEY`): public when the value is a fingerprint.
 */
const RELEASE_KEY_WORDS: ReadonlySet<string> = new Set(["signing", "release"]);

/**
 * Words that make a key a credential or a shared secret whatever its value looks like: an HMAC
 * key for JWTs or webhooks is often hex (`openssl rand -hex 20` gives 40 digits), so
 * `JWT_SIGNING_KEY` or `API_KEYS` holding fingerprint-shaped values stay secrets.
 */
const CREDENTIAL_KEY_WORDS: ReadonlySet<string> = new Set([
  "api",
  "access",
  "auth",
  "client",
  "cookie",
  "encryption",
  "hmac",
  "jwt",
  "license",
  "master",
  "private",
  "secret",
  "session",
  "webhook",
]);

/** Hex lengths of OpenPGP key IDs and fingerprints: short and long key IDs, v4 and v6 (RFC 9580) fingerprints. */
const KEY_ID_LENGTHS: ReadonlySet<number> = new Set([8, 16, 40, 64]);

/** The hex length of a v4 fingerprint, the form release keys are published in (`gpg --fingerprint`). */
const V4_FINGERPRINT_LENGTHS: ReadonlySet<number> = new Set([40]);

/**
 * How many OpenPGP key IDs or fingerprints a value lists when it is made only of them, else 0:
 * hex of one of `lengths` (`0x` allowed), or a 40-digit fingerprint in gpg's groups of four
 * (`390E F70B … 258D`), several separated by blanks or commas. Read word by word, without a regex
 * over the whole value, so a long value costs linear time.
 */
function countKeyFingerprints(value: string, lengths: ReadonlySet<number>): number {
  const tokens = value.trim().split(/[\s,;]+/).filter((token) => token !== "");
  let groups = 0;
  let keys = 0;
  for (const raw of tokens) {
    const token = raw.startsWith("0x") || raw.startsWith("0X") ? raw.slice(2) : raw;
    if (!/^[0-9a-f]+$/i.test(token)) return 0;
    if (token.length === 4 && raw === token) {
      groups++;
      if (groups % 10 === 0) keys++;
      continue;
    }
    // A fingerprint in groups is ten of them in a row.
    if (groups % 10 !== 0 || !lengths.has(token.length)) return 0;
    keys++;
  }
  return groups % 10 === 0 ? keys : 0;
}

/**
 * Whether a value is made only of OpenPGP key IDs or fingerprints: hex of 8, 16, 40 or 64 digits
 * (`0x` allowed), or a 40-digit fingerprint in gpg's groups of four (`390E F70B … 258D`), several
 * separated by blanks or commas.
 */
export function isKeyFingerprintList(value: string): boolean {
  return countKeyFingerprints(value, KEY_ID_LENGTHS) > 0;
}

/**
 * Whether a name judged a secret for its word `key` names public keys by fingerprint or key ID,
 * or the URL a key is published at, as its value shows. The value decides, since a name such as `GPG_SIGNING_KEY` may also hold an
 * armored private key; other secret words keep the name a secret whatever the value (a 40-digit
 * hex token under `GPG_TOKEN`). Three cases:
 *  - an OpenPGP word in the name, and key IDs or fingerprints of any length: apache/couchdb-docker's
 *    `ENV GPG_COUCH_KEY=390EF70BB1EA12B2773962950EE62FB37A00258D`, where `key` does not come right
 *    after `gpg`;
 *  - `signing`/`release` right before the key word, and v4 fingerprints (40 hex digits): the keys
 *    swiftlang/swift-docker (`ARG SWIFT_SIGNING_KEY=A62AE125…`) and haskell/docker-haskell
 *    (`STACK_RELEASE_KEY`, `GHC_RELEASE_KEY`, `CABAL_INSTALL_RELEASE_KEY`) pass to `gpg --recv-keys`;
 *  - any other key name with two or more v4 fingerprints (Solr's `SOLR_KEYS="EDF961FF… …"`): a
 *    list of 40-digit values is a keyring.
 * A single 40-digit value under a plain key name stays a secret (haskell/docker-haskell's
 * `LLVM_KEY`): hex API keys and GitHub's tokens from before 2021 are 40 hex digits too. The last
 * two cases refuse names with a credential word (`JWT_SIGNING_KEY`, `API_KEYS`), and accept no
 * key IDs or 64-digit values, the length of `openssl rand -hex 32` secrets (v6 fingerprints are rare).
 */
export function isPublicKeyValue(name: string, match: SecretNameMatch, value: string | undefined): boolean {
  if (match.kind !== "word" || (match.word !== "key" && match.word !== "keys") || value === undefined) return false;
  // Where a key is published (fluent-bit's `ARG RELEASE_KEY=https://packages.fluentbit.io/fluentbit.key`)
  // is no key: a URL without user info, query or fragment, which could carry a credential.
  if (isPlainUrl(value)) return true;
  const words = nameWords(name);
  if (words.some((word) => OPENPGP_WORDS.has(word))) return isKeyFingerprintList(value);
  if (words.some((word) => CREDENTIAL_KEY_WORDS.has(word))) return false;
  const fingerprints = countKeyFingerprints(value, V4_FINGERPRINT_LENGTHS);
  const keyWord = words.lastIndexOf(match.word);
  if (keyWord > 0 && RELEASE_KEY_WORDS.has(words[keyWord - 1] ?? "")) return fingerprints >= 1;
  return fingerprints >= 2;
}

/** An http(s) URL of a file with no user info, query or fragment: `https://example.com/release.key`. */
function isPlainUrl(value: string): boolean {
  return /^https?:\/\/[\w.-]+(?::\d+)?\/[\w./~%+-]*$/i.test(value.trim());
}

/** Whether a variable name looks like it holds a secret (password, token, API key, …). */
export function isSecretName(name: string, options: SecretNameOptions = {}): boolean {
  return secretNameMatch(name, options) !== undefined;
}
