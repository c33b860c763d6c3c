import { describe, expect, it } from "vitest";
import { isSecretName, nameWords, secretNameMatch } from "./secret-names.js";

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
