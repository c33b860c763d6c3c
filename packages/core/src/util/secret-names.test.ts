import { describe, expect, it } from "vitest";
import { isKeyFingerprintList, isPublicKeyValue, isSecretName, nameWords, secretNameMatch } from "./secret-names.js";

describe("nameWords", () => {
  it("splits at separators and camelCase", () => {
    expect(nameWords("OKTA_OAuth2ClientSecret")).toEqual(["okta", "o", "auth2", "client", "secret"]);
    expect(nameWords("apiKey")).toEqual(["api", "key"]);
    expect(nameWords("APIKey")).toEqual(["api", "key"]);
    expect(nameWords("db.password-file")).toEqual(["db", "password", "file"]);
  });
});

describe("isSecretName", () => {
  const secrets = [
    // BuildKit SecretsUsedInArgOrEnv's own test names
    "SECRET_PASSPHRASE", "SUPER_Secret", "password", "secret", "super_duper_secret_token", "auth", "apikey", "git_key",
    // hadolint DL3064's names and substrings
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "openai_api_key", "my_password", "GITHUB_TOKEN", "GH_TOKEN", "NPM_TOKEN",
    "VAULT_CLIENT_KEY", "OKTA_OAUTH2_CLIENTSECRET", "OKTA_CLIENT_TOKEN", "APPLICATION_KEY", "APP_SECRET", "CI_DEPLOY_PASSWORD",
    "client_key", "PRIVATE_KEY",
    // more
    "MYSQL_ROOT_PASSWORD", "PGPASSWORD", "DB_PASS", "MYSQL_PWD", "SECRET_KEY_BASE", "DJANGO_SECRET_KEY", "JWT_SECRET",
    "SSH_PRIVATE_KEY", "SSH_KEY", "TLS_KEY", "KEY", "ACCESS_KEY", "MINIO_ACCESS_KEY_ID", "LICENSE_KEY", "API_KEY_PROD",
    "DOCKER_AUTH_CONFIG", "BASIC_AUTH", "REDISCLI_AUTH", "NEXUS_PSW", "GPG_PASSPHRASE", "GPG_PRIVATE_KEY", "GPG_KEY_PASSWORD",
    "dbPassword", "apiToken", "AUTH_TOKEN", "HF_TOKEN", "AZURE_CLIENT_SECRET", "CREDENTIALS", "password1", "SONAR_LOGIN",
    "RECAPTCHA_SECRET_KEY", "PASSWORD_HASH",
    // Confluent's passwords themselves; `_CREDENTIALS` outside its store-file names
    "KAFKA_SSL_KEYSTORE_PASSWORD", "KAFKA_SASL_CREDENTIALS", "SSL_KEYSTORE_CREDENTIALS", "KAFKA_SSL_CREDENTIALS", "AUTHENTICATION_APIKEY_ALLOWED_KEYS",
    // cluster tokens that authenticate (k3s's join token, a cluster secret) stay secrets
    "K3S_TOKEN", "CLUSTER_TOKEN", "ETCD_CLUSTER_TOKEN", "INITIAL_TOKEN",
    // a digest of a password (or of an auth string) can be cracked by guessing; a bare list of keys holds the keys
    "ADMIN_PASSWORD_SHA256", "PASSWORD_MD5", "PASSPHRASE_SHA256", "AUTH_SHA256", "SECRET_CHECKSUM", "KEY_HASH", "API_KEY_LIST", "TOKEN_LISTS",
    // a GPG name is a secret by its name alone; only its value can say it holds fingerprints
    "GPG_COUCH_KEY", "GPG_SIGNING_KEY",
  ];
  const notSecrets = [
    // settings about a secret, seen in the Compose corpus (Grafana, Kafka, AWS SDKs, Vault)
    "GF_AUTH_ANONYMOUS_ORG_ROLE", "SECRET_PARAM_KAFKA_SASL_MECHANISM", "AWS_CREDENTIALS_SOURCE", "SECRET_FORCED_LANGUAGE",
    "AUTH_PROTOCOL", "TOKEN_CONVERTER", "AUTH_SERVERS",
    // BuildKit's exemptions
    "PUBLIC_KEY", "public_token", "SECRET_PASSPHRASE_FILE", "password_file", "secret_File", "AUTH_MODULE_VERSION", "sunflower",
    // hadolint lists these; they are identifiers, not secrets
    "USERNAME", "DOCKER_USERNAME", "CF_USERNAME", "DOCKER_EMAIL", "CI_DEPLOY_USER", "HEROKU_API_USER", "FACEBOOK_APP_ID",
    "OKTA_OAUTH2_CLIENTID", "STRIPE_DEVICE_NAME", "TRAVIS_OS_NAME", "TRAVIS_SUDO", "PRIVATE_REGISTRY", "TOKENIZERS_PARALLELISM",
    // public keys and key metadata
    "GPG_KEY", "GPG_KEYS", "PGP_KEY", "NGINX_GPGKEY", "PUB_KEY", "JWT_PUBLIC_KEY", "NEXT_PUBLIC_API_KEY", "STRIPE_PUBLISHABLE_KEY",
    "RECAPTCHA_SITE_KEY", "KEY_ID", "GPG_KEY_ID", "SECRET_KEY_ID", "KEY_FINGERPRINT", "KEY_SIZE", "CACHE_KEY", "SORT_KEY",
    "REDIS_KEY_PREFIX", "KEYCLOAK_URL", "KEYSERVER",
    // files, paths, URLs, settings about secrets
    "POSTGRES_PASSWORD_FILE", "AWS_SHARED_CREDENTIALS_FILE", "GOOGLE_APPLICATION_CREDENTIALS", "TLS_KEY_PATH", "TOKEN_URL",
    "AUTH_URL", "AUTH_TYPE", "AUTH_ENABLED", "SECRETS_DIR", "SECRET_NAME", "SECRET_ARN", "PASSWORD_MIN_LENGTH", "TOKEN_TTL",
    "SSH_AUTH_SOCK", "AUTH_USER", "BASIC_AUTH_USERNAME", "AUTHENTICATION_APIKEY_USERS", "TOKEN_USERNAMES", "AUTH_LOGINS",
    "SECRET_EMAILS", "API_KEY_OWNERS", "AUTH_GROUPS",
    // etcd's bootstrap identifier (--initial-cluster-token): it authenticates nothing
    "ETCD_INITIAL_CLUSTER_TOKEN", "INITIAL_CLUSTER_TOKEN",
    // Confluent's images read these as file names under /etc/kafka/secrets
    "KAFKA_SSL_KEYSTORE_CREDENTIALS", "KAFKA_SSL_KEY_CREDENTIALS", "KAFKA_SSL_TRUSTSTORE_CREDENTIALS", "KAFKA_LISTENER_NAME_CONTROLLER_SSL_KEYSTORE_CREDENTIALS", "ALLOW_EMPTY_PASSWORD", "DISABLE_AUTH", "NO_PASSWORD", "MAX_TOKENS",
    // allow and deny lists (umbrel's PROXY_AUTH_WHITELIST: paths), and checksums of keys and tokens (percona-docker)
    "PROXY_AUTH_WHITELIST", "PROXY_AUTH_BLACKLIST", "AUTH_ALLOWLIST", "TOKEN_DENYLIST", "API_KEY_BLOCKLISTS", "SECRET_SAFELIST",
    "AUTH_WHITE_LIST", "TOKEN_ALLOW_LISTS", "API_KEYS_ALLOWED", "AUTH_ALLOWED_ORIGINS", "proxyAuthWhitelist",
    "KEY_RPM_DOWNLOAD_SHA256", "SIGNING_KEY_SHA512", "API_TOKEN_MD5", "KEY_CHECKSUM", "PRIVATE_KEY_SHA1", "KEY_SHA256SUM", "TOKEN_SHA384",
    "AUTH0_DOMAIN", "AUTH0_CLIENT_ID", "OAUTH_CLIENT_ID", "AUTHOR", "PASS_THROUGH", "BYPASS_CACHE", "PWD",
    // everyday variables
    "PATH", "NODE_VERSION", "DEBIAN_FRONTEND", "LANG", "PYTHONUNBUFFERED", "HOME", "JAVA_HOME", "",
  ];
  for (const name of secrets) it(`${name} is a secret`, () => expect(isSecretName(name)).toBe(true));
  for (const name of notSecrets) it(`${name || "(empty)"} is not a secret`, () => expect(isSecretName(name)).toBe(false));

  it("names the deciding word", () => {
    expect(secretNameMatch("DB_PASSWORD_PROD")).toEqual({ kind: "word", word: "password" });
    expect(secretNameMatch("AWS_ACCESS_KEY_ID")).toEqual({ kind: "known", word: "AWS_ACCESS_KEY_ID" });
  });

  it("allow and extraNames take names and /regex/ strings", () => {
    expect(isSecretName("GITHUB_TOKEN", { allow: ["github_token"] })).toBe(false);
    expect(isSecretName("CI_JOB_TOKEN", { allow: ["/^CI_/"] })).toBe(false);
    expect(isSecretName("LICENSE", { extraNames: ["license"] })).toBe(true);
    expect(secretNameMatch("SIGNING_SEED", { extraNames: ["/_SEED$/i"] })).toEqual({ kind: "extra", word: "SIGNING_SEED" });
    // An invalid regex is read as a plain name instead of failing.
    expect(isSecretName("/(/", { extraNames: ["/(/"] })).toBe(true);
  });

  it("ignores names with variables", () => expect(isSecretName("${PREFIX}_TOKEN")).toBe(false));
});

describe("isKeyFingerprintList", () => {
  const fpr = "390EF70BB1EA12B2773962950EE62FB37A00258D";
  it("takes key IDs and fingerprints, one or several, plain, 0x-prefixed or in gpg's groups", () => {
    for (const value of [
      fpr,
      fpr.toLowerCase(),
      "D684696D",
      "0x64E628F8D684696D",
      "a".repeat(64),
      "390E F70B B1EA 12B2 7739  6295 0EE6 2FB3 7A00 258D",
      `${fpr} A035C8C19219BA821ECEA86B64E628F8D684696D`,
      ` ${fpr},\n  0x64E628F8D684696D `,
      `390E F70B B1EA 12B2 7739 6295 0EE6 2FB3 7A00 258D ${fpr}`,
    ]) {
      expect(isKeyFingerprintList(value), value).toBe(true);
    }
  });
  it("refuses anything else", () => {
    for (const value of [
      "",
      " ",
      "not-a-fingerprint",
      fpr.slice(1),
      `${fpr}0`,
      "390E F70B B1EA 12B2",
      "390E F70B B1EA 12B2 7739 6295 0EE6 2FB3 7A00 258D 1234",
      "0x390E F70B B1EA 12B2 7739 6295 0EE6 2FB3 7A00 258D",
      "G".repeat(40),
      "-----BEGIN PGP PRIVATE KEY BLOCK-----",
      `${fpr} secret`,
    ]) {
      expect(isKeyFingerprintList(value), value).toBe(false);
    }
  });
});

describe("isPublicKeyValue", () => {
  const fpr = "390EF70BB1EA12B2773962950EE62FB37A00258D";
  const other = "A035C8C19219BA821ECEA86B64E628F8D684696D";
  const judge = (name: string, value: string | undefined): boolean => {
    const match = secretNameMatch(name);
    return match !== undefined && isPublicKeyValue(name, match, value);
  };
  it("a key named for GPG or PGP whose value is fingerprints (apache/couchdb-docker's GPG_COUCH_KEY)", () => {
    expect(judge("GPG_COUCH_KEY", fpr)).toBe(true);
    expect(judge("COUCHDB_PGP_SIGNING_KEYS", `${fpr} ${fpr}`)).toBe(true);
    expect(judge("gnupgReleaseKey", fpr)).toBe(true);
  });
  it("a signing or release key whose value is v4 fingerprints (swiftlang/swift-docker, haskell/docker-haskell)", () => {
    expect(judge("SWIFT_SIGNING_KEY", "A62AE125BBBFBB96A6E042EC925CC1CCED3D1561")).toBe(true);
    expect(judge("STACK_RELEASE_KEY", "C5705533DA4F78D8664B5DC0575159689BEFB442")).toBe(true);
    expect(judge("GHC_RELEASE_KEY", "88b57fcf7db53b4db3bfa4b1588764fbe22d19c4")).toBe(true);
    expect(judge("CABAL_INSTALL_RELEASE_KEY", "0xEAF2A9A722C0C96F2B431CA511AAD8CEDEE0CAEF")).toBe(true);
    expect(judge("NODE_RELEASE_KEYS", `${fpr},${other}`)).toBe(true);
    expect(judge("swiftSigningKey", "390E F70B B1EA 12B2 7739 6295 0EE6 2FB3 7A00 258D")).toBe(true);
  });
  it("a key name whose value is the URL the key is published at (fluent-bit's RELEASE_KEY)", () => {
    expect(judge("RELEASE_KEY", "https://packages.fluentbit.io/fluentbit.key")).toBe(true);
    expect(judge("STAGING_KEY", "https://packages-staging.fluentbit.io/fluentbit.key")).toBe(true);
    expect(judge("API_KEY", "https://example.com/k?token=abc")).toBe(false);
    expect(judge("API_KEY", "https://user:pass@example.com/key")).toBe(false);
    expect(judge("DB_PASSWORD", "https://example.com/password.txt")).toBe(false);
  });
  it("any other key name whose value lists two or more v4 fingerprints (Solr's SOLR_KEYS)", () => {
    expect(judge("SOLR_KEYS", `${fpr} ${other}`)).toBe(true);
    expect(judge("LLVM_KEYS", `${fpr}, ${other}`)).toBe(true);
    expect(judge("LLVM_KEY", `${fpr}\n  ${other}`)).toBe(true);
  });
  it("not another value, another secret word, or a name listed in extraNames", () => {
    expect(judge("GPG_COUCH_KEY", "armored-key")).toBe(false);
    expect(judge("GPG_COUCH_KEY", undefined)).toBe(false);
    expect(judge("GPG_PASSPHRASE", fpr)).toBe(false);
    expect(judge("GPG_TOKEN", fpr)).toBe(false);
    expect(judge("RELEASE_TOKEN", fpr)).toBe(false);
    expect(judge("SIGNING_KEY_PASSWORD", fpr)).toBe(false);
    expect(judge("PGPASSWORD", fpr)).toBe(false);
    const extra = secretNameMatch("GPG_FPR_SEED", { extraNames: ["GPG_FPR_SEED"] });
    expect(extra && isPublicKeyValue("GPG_FPR_SEED", extra, fpr)).toBe(false);
  });
  it("not one 40-digit value under a plain key name: hex API keys and GitHub's classic tokens look the same", () => {
    expect(judge("LLVM_KEY", "6084F3CF814B57C1CF12EFD515CF4D18AF4F7421")).toBe(false);
    expect(judge("API_KEY", fpr)).toBe(false);
    expect(judge("SOLR_KEYS", fpr)).toBe(false);
  });
  it("not key IDs or 64-digit values (`openssl rand -hex 32`) without an OpenPGP word", () => {
    expect(judge("SWIFT_SIGNING_KEY", "0x64E628F8D684696D")).toBe(false);
    expect(judge("RELEASE_KEY", "D684696D")).toBe(false);
    expect(judge("APP_SIGNING_KEY", "a".repeat(64))).toBe(false);
    expect(judge("SOLR_KEYS", `${"a".repeat(64)} ${"b".repeat(64)}`)).toBe(false);
    expect(judge("SOLR_KEYS", "0x64E628F8D684696D 0x1234567890ABCDEF")).toBe(false);
    expect(judge("SOLR_KEYS", `${fpr} ${other} secret`)).toBe(false);
  });
  it("not a name with a credential word, whose hex value is a shared secret", () => {
    expect(judge("JWT_SIGNING_KEY", fpr)).toBe(false);
    expect(judge("WEBHOOK_SIGNING_KEY", fpr)).toBe(false);
    expect(judge("PRIVATE_RELEASE_KEY", fpr)).toBe(false);
    expect(judge("API_KEYS", `${fpr} ${other}`)).toBe(false);
    expect(judge("SECRET_KEY", `${fpr} ${other}`)).toBe(false);
    expect(judge("LICENSE_KEYS", `${fpr},${other}`)).toBe(false);
  });
});
