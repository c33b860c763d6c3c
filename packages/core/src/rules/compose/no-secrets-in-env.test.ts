import { describe, expect, it } from "vitest";
import "../../compose/index.js";
import { createRuleTester } from "../../testing/rule-tester.js";
import dockerfileRule from "../dockerfile/no-secrets-in-env.js";
import rule from "./no-secrets-in-env.js";

describe("no-secrets-in-env options", () => {
  it("has the same options schema and defaults as the Dockerfile rule of the same id", () => {
    expect(rule.meta.options).toEqual(dockerfileRule.meta.options);
  });
});

const SVC = "services:\n  db:\n    image: postgres:17\n";
/** The service with one hook of `key` whose `environment:` holds `env` (lines indented for the mapping or list). */
const hook = (key: string, env: string): string => `${SVC}    ${key}:\n      - command: ./init\n        environment:\n${env}`;
/** The service with one develop.watch entry whose `exec` has `environment:` `env` (indented 14). */
const watchExec = (env: string): string =>
  `${SVC}    develop:\n      watch:\n        - path: ./src\n          action: sync+exec\n          target: /app\n          exec:\n            command: ./reload\n            environment:\n${env}`;
const HOOK_KEYS = ["pre_start", "post_start", "pre_stop"] as const;

createRuleTester({ describe, it }).run(rule, {
  valid: [
    {
      name: "a variable under !reset is removed, not set (frappe_docker's override that moves the password to a secret)",
      code: "services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: !reset null\n      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_password\n",
    },
    { name: "NEO4J_AUTH=none turns authentication off", code: `${SVC}    environment:\n      - NEO4J_AUTH=none\n      - REDIS_PASSWORD=disabled\n` },
    { name: "the string null for no value (coolify's Laravel .env convention), written or as a default", code: `${SVC}    environment:\n      REDIS_PASSWORD: \${REDIS_PASSWORD:-null}\n      MAIL_PASSWORD: "null"\n      SMTP_PASSWORD: nil\n` },
    { name: "REGISTRY_AUTH=htpasswd chooses the registry's authentication scheme", code: "services:\n  registry:\n    image: registry:2.8\n    environment:\n      - REGISTRY_AUTH=htpasswd\n      - PROXY_AUTH=Bearer\n" },
    {
      name: "a list of users names the owners of the keys, not a key (weaviate's AUTHENTICATION_APIKEY_USERS)",
      code: "services:\n  db:\n    image: cr.weaviate.io/semitechnologies/weaviate:1.30.0\n    environment:\n      AUTHENTICATION_APIKEY_USERS: \"admin-user,viewer-user\"\n      AUTHENTICATION_APIKEY_USER: admin-user\n      ADMIN_TOKEN_USERNAMES: alice,bob\n      AUTH_GROUPS: admins\n",
    },
    {
      name: "Confluent's *_SSL_*_CREDENTIALS name the file under /etc/kafka/secrets that holds the password (loki, vector)",
      code: "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.9.0\n    environment:\n      KAFKA_SSL_KEYSTORE_CREDENTIALS: broker_keystore_creds\n      KAFKA_SSL_KEY_CREDENTIALS: kafka.pass\n      KAFKA_SSL_TRUSTSTORE_CREDENTIALS: password\n      KAFKA_LISTENER_NAME_CONTROLLER_SSL_KEYSTORE_CREDENTIALS: controller1_keystore_creds\n",
    },
    { name: "a value that is the name of a password file", code: `${SVC}    environment:\n      KEYSTORE_PASSWORD: keystore.pass\n      LDAP_BIND_PASSWORD: ldap.passwd\n      SMTP_CREDENTIALS: smtp.creds\n` },
    {
      name: "a TLS client-authentication mode is a switch (Kafka's required/requested, Spring's need/want, optional)",
      code: "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.9.0\n    environment:\n      KAFKA_SSL_CLIENT_AUTH: required\n      KAFKA_LISTENER_NAME_CONTROLLER_SSL_CLIENT_AUTH: requested\n      SERVER_SSL_CLIENT_AUTH: need\n      ZOOKEEPER_SSL_CLIENT_AUTH: want\n      PROXY_CLIENT_AUTH: Optional\n",
    },
    { name: "from the environment (map)", code: `${SVC}    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD}\n` },
    { name: "from the environment (list), required", code: `${SVC}    environment:\n      - POSTGRES_PASSWORD=\${POSTGRES_PASSWORD:?set it}\n` },
    { name: "name only: Compose takes it from the shell", code: `${SVC}    environment:\n      - POSTGRES_PASSWORD\n` },
    { name: "map entry without a value", code: `${SVC}    environment:\n      API_TOKEN:\n` },
    { name: "empty value and empty default", code: `${SVC}    environment:\n      POSTGRES_PASSWORD: ""\n      REDIS_PASSWORD: \${REDIS_PASSWORD:-}\n` },
    { name: "a _FILE variable holds a path", code: `${SVC}    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n` },
    { name: "a path to a secret file", code: `${SVC}    environment:\n      DB_PASSWORD: /run/secrets/db_password\n` },
    { name: "part of the value from the environment", code: `${SVC}    environment:\n      DATABASE_URL: postgres://app:\${DB_PASSWORD}@db/app\n      AUTH_TOKEN: "Bearer \${TOKEN}"\n` },
    {
      name: "paths, file names and class names are not secrets",
      code: `${SVC}    environment:\n      - xpack.security.http.ssl.key=certs/es01/es01.key\n      - TLS_KEY=/etc/ssl/private/server.key\n      - CONNECT_KEY_CONVERTER=org.apache.kafka.connect.storage.StringConverter\n      - AIRFLOW__API__AUTH_BACKENDS=airflow.api.auth.backend.basic_auth,airflow.api.auth.backend.session\n`,
    },
    { name: "0 and 1 are switches", code: `${SVC}    environment:\n      MYSQL_RANDOM_ROOT_PASSWORD: 1\n      VNC_NO_PASSWORD: "0"\n` },
    { name: "a switch about a secret", code: `${SVC}    environment:\n      REDIS_AUTH: "true"\n      MQTT_AUTH: false\n      POSTGRES_HOST_AUTH_METHOD: scram-sha-256\n` },
    { name: "names that are not secrets", code: `${SVC}    environment:\n      POSTGRES_USER: app\n      ALLOW_EMPTY_PASSWORD: "yes"\n      GPG_KEY: A035C8C19219BA821ECEA86B64E628F8D684696D\n      NEXT_PUBLIC_API_KEY: pk_live_123\n` },
    { name: "allow option", code: `${SVC}    environment:\n      CI_JOB_TOKEN: abc\n`, options: { allow: ["CI_JOB_TOKEN"] } },
    {
      name: "allow and deny lists name paths, not credentials (umbrel's containers/app-proxy/test/docker-compose.*.yml)",
      code: 'services:\n  proxy:\n    image: nginx:1.27\n    environment:\n      PROXY_AUTH_WHITELIST: "/admin/*,/admin2/*"\n      PROXY_AUTH_BLACKLIST: "/admin2/*"\n      AUTH_ALLOWLIST: "/api/*"\n      TOKEN_DENYLIST: "revoked-1"\n',
    },
    {
      name: "a GPG key's fingerprints (written, or as a default) and a key file's checksum are not secrets",
      code: `${SVC}    environment:\n      GPG_COUCH_KEY: 390EF70BB1EA12B2773962950EE62FB37A00258D\n      PGP_RELEASE_KEYS: "390E F70B B1EA 12B2 7739  6295 0EE6 2FB3 7A00 258D, 0x64E628F8D684696D"\n      GPG_SIGNING_KEY: \${GPG_SIGNING_KEY:-390EF70BB1EA12B2773962950EE62FB37A00258D}\n      KEY_RPM_DOWNLOAD_SHA256: fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84\n`,
    },
    { name: "build args from the environment", code: "services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN}\n" },
    { name: "build args: name only (list)", code: "services:\n  app:\n    build:\n      context: .\n      args:\n        - NPM_TOKEN\n" },
    { name: "build as a string", code: "services:\n  app:\n    build: .\n" },
    { name: "an escaped reference the application expands itself", code: `${SVC}    environment:\n      DB_PASSWORD: "$\${VAULT_DB_PASSWORD}"\n` },
    // Lifecycle hooks' `environment`: the same judgement as a service's.
    ...HOOK_KEYS.flatMap((key) => [
      { name: `${key}: from the environment (map)`, code: hook(key, "          DB_PASSWORD: ${DB_PASSWORD}\n") },
      { name: `${key}: name only (list)`, code: hook(key, "          - DB_PASSWORD\n") },
      { name: `${key}: a path to a secret file`, code: hook(key, "          DB_PASSWORD: /run/secrets/db_password\n") },
      { name: `${key}: names that are not secrets`, code: hook(key, "          - POSTGRES_USER=app\n          - PGDATA=/data\n") },
    ]),
    { name: "a watch exec: from the environment", code: watchExec("              DB_PASSWORD: ${DB_PASSWORD:?set it}\n") },
    { name: "a hook without environment", code: `${SVC}    post_start:\n      - command: echo hi\n` },
    { name: "a hook's secret with the allow option", code: hook("post_start", "          CI_JOB_TOKEN: abc\n"), options: { allow: ["CI_JOB_TOKEN"] } },
  ],
  invalid: [
    {
      name: "the keys next to the users are still secrets",
      code: "services:\n  db:\n    image: cr.weaviate.io/semitechnologies/weaviate:1.30.0\n    environment:\n      AUTHENTICATION_APIKEY_USERS: admin-user\n      AUTHENTICATION_APIKEY_ALLOWED_KEYS: admin-key,viewer-key\n",
      errors: [{ messageId: "env", data: { service: "db", name: "AUTHENTICATION_APIKEY_ALLOWED_KEYS", reason: 'the word "keys"', reference: "${AUTHENTICATION_APIKEY_ALLOWED_KEYS}" }, line: 6, column: 43 }],
    },
    {
      name: "Confluent's passwords themselves, and credentials that are not a store's file name, are still secrets",
      code: "services:\n  kafka:\n    image: confluentinc/cp-kafka:7.9.0\n    environment:\n      KAFKA_SSL_KEYSTORE_CREDENTIALS: broker_keystore_creds\n      KAFKA_SSL_KEYSTORE_PASSWORD: confluent\n      KAFKA_SASL_CREDENTIALS: admin-secret\n      SSL_KEYSTORE_CREDENTIALS: s3cret\n",
      errors: [
        { messageId: "env", data: { service: "kafka", name: "KAFKA_SSL_KEYSTORE_PASSWORD", reason: 'the word "password"', reference: "${KAFKA_SSL_KEYSTORE_PASSWORD}" }, line: 6 },
        { messageId: "env", data: { service: "kafka", name: "KAFKA_SASL_CREDENTIALS", reason: 'the word "credentials"', reference: "${KAFKA_SASL_CREDENTIALS}" }, line: 7 },
        { messageId: "env", data: { service: "kafka", name: "SSL_KEYSTORE_CREDENTIALS", reason: 'the word "credentials"', reference: "${SSL_KEYSTORE_CREDENTIALS}" }, line: 8 },
      ],
    },
    {
      name: "a mode word is a placeholder secret under a name that is not for auth",
      code: `${SVC}    environment:\n      DB_PASSWORD: required\n      API_TOKEN: optional\n      CLIENT_AUTH: required-s3cret\n`,
      errors: [
        { messageId: "env", data: { service: "db", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 5 },
        { messageId: "env", data: { service: "db", name: "API_TOKEN", reason: 'the word "token"', reference: "${API_TOKEN}" }, line: 6 },
        { messageId: "env", data: { service: "db", name: "CLIENT_AUTH", reason: 'the word "auth"', reference: "${CLIENT_AUTH}" }, line: 7 },
      ],
    },
    {
      // A list of two or more fingerprints (Solr's SOLR_KEYS) is a keyring list, not a token: not reported.
      name: "a GPG name with another value, a plain list of keys and a digest of a password stay secrets",
      code: `${SVC}    environment:\n      GPG_SIGNING_KEY: armored-private-key\n      API_KEY_LIST: k1,k2\n      ADMIN_PASSWORD_SHA256: fcf0eab4f05a1c0de6363ac4b707600a27a9d774e9b491059e59e6921b255a84\n      SOLR_KEYS: "390EF70BB1EA12B2773962950EE62FB37A00258D A035C8C19219BA821ECEA86B64E628F8D684696D"\n`,
      errors: [
        { messageId: "env", data: { service: "db", name: "GPG_SIGNING_KEY", reason: 'the word "key"', reference: "${GPG_SIGNING_KEY}" }, line: 5 },
        { messageId: "env", data: { service: "db", name: "API_KEY_LIST", reason: 'the word "key"', reference: "${API_KEY_LIST}" }, line: 6 },
        { messageId: "env", data: { service: "db", name: "ADMIN_PASSWORD_SHA256", reason: 'the word "password"', reference: "${ADMIN_PASSWORD_SHA256}" }, line: 7 },
      ],
    },
    {
      name: "an entry services share through an anchor: once, where it is written (penpot's x-secret-key)",
      code: "x-secret-key: &secret-key\n  PENPOT_SECRET_KEY: change-this-insecure-key\nservices:\n  backend:\n    image: penpotapp/backend:2.4\n    environment:\n      <<: *secret-key\n  exporter:\n    image: penpotapp/exporter:2.4\n    environment:\n      <<: *secret-key\n",
      errors: [{ messageId: "env", line: 2, column: 22 }],
    },
    {
      name: "a name Compose cannot interpolate gets a variable it can in the suggestion",
      code: "services:\n  sonarqube:\n    image: sonarqube:10.6-community\n    environment:\n      - sonar.jdbc.password=sonar\n",
      errors: [
        {
          messageId: "env",
          data: { service: "sonarqube", name: "sonar.jdbc.password", reason: 'the word "password"', reference: "${SONAR_JDBC_PASSWORD}" },
          line: 5,
          column: 29,
        },
      ],
    },
    {
      name: "an auth scheme name only counts for a variable named for auth",
      code: `${SVC}    environment:\n      - API_TOKEN=token\n      - NEO4J_AUTH=neo4j/s3cret-pass\n`,
      errors: [
        { messageId: "env", line: 5, column: 19 },
        { messageId: "env", data: { service: "db", name: "NEO4J_AUTH", reason: 'the word "auth"', reference: "${NEO4J_AUTH}" }, line: 6, column: 20 },
      ],
    },
    {
      name: "a default under a key Compose cannot interpolate: the fix keeps the variable the value reads",
      code: `${SVC}    environment:\n      db.password: \${DB_PW:-hunter2}\n`,
      errors: [
        {
          messageId: "envDefault",
          data: { service: "db", name: "db.password", reason: 'the word "password"', written: "${DB_PW:-hunter2}", reference: "${DB_PW}", required: "${DB_PW:?DB_PW must be set}" },
          line: 5,
        },
      ],
    },
    {
      name: "map form: at the value",
      code: `${SVC}    environment:\n      POSTGRES_PASSWORD: example\n`,
      errors: [
        {
          messageId: "env",
          data: { service: "db", name: "POSTGRES_PASSWORD", reason: 'the word "password"', reference: "${POSTGRES_PASSWORD}" },
          line: 5,
          column: 26,
          endColumn: 33,
        },
      ],
    },
    {
      name: "list form: at the value",
      code: `${SVC}    environment:\n      - POSTGRES_PASSWORD=example\n      - API_KEY=sk-123\n`,
      errors: [
        { messageId: "env", line: 5, column: 27, endColumn: 34 },
        { messageId: "env", data: { service: "db", name: "API_KEY", reason: 'the word "key"', reference: "${API_KEY}" }, line: 6, column: 17 },
      ],
    },
    {
      name: "quoted list entry: the whole entry",
      code: `${SVC}    environment:\n      - "POSTGRES_PASSWORD=example"\n`,
      errors: [{ messageId: "env", line: 5, column: 9, endColumn: 36 }],
    },
    {
      name: "placeholders ship too (changeme), and numbers",
      code: `${SVC}    environment:\n      MYSQL_ROOT_PASSWORD: changeme\n      PIN_SECRET: 123456\n`,
      errors: [
        { messageId: "env", line: 5 },
        { messageId: "env", line: 6 },
      ],
    },
    {
      name: "secrets that look a little like paths or names are still secrets",
      code: `${SVC}    environment:\n      FERNET_KEY: /aB3+xY9/Qz==\n      JWT_SECRET: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc\n`,
      errors: [
        { messageId: "env", line: 5 },
        { messageId: "env", line: 6 },
      ],
    },
    {
      name: "literal default",
      code: `${SVC}    environment:\n      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-postgres}\n`,
      errors: [
        {
          messageId: "envDefault",
          data: {
            service: "db",
            name: "POSTGRES_PASSWORD",
            reason: 'the word "password"',
            written: "${POSTGRES_PASSWORD:-postgres}",
            reference: "${POSTGRES_PASSWORD}",
            required: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}",
          },
          line: 5,
          column: 26,
        },
      ],
    },
    {
      name: "a literal default of another variable: the fix names the variable the value reads",
      code: `${SVC}    environment:\n      POSTGRES_PASSWORD: \${PG_PASS:-authentik}\n      DATABASE_URL: postgres://app:\${DB_PASS:-hunter2}@db/app\n`,
      errors: [
        { messageId: "envDefault", data: { service: "db", name: "POSTGRES_PASSWORD", reason: 'the word "password"', written: "${PG_PASS:-authentik}", reference: "${PG_PASS}", required: "${PG_PASS:?PG_PASS must be set}" }, line: 5 },
      ],
    },
    {
      name: "well-known and extra names",
      code: `${SVC}    environment:\n      AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE\n      LICENSE: abc-def\n`,
      options: { extraNames: ["LICENSE"] },
      errors: [
        { messageId: "env", data: { service: "db", name: "AWS_ACCESS_KEY_ID", reason: "a well-known credential variable", reference: "${AWS_ACCESS_KEY_ID}" }, line: 5 },
        { messageId: "env", data: { service: "db", name: "LICENSE", reason: "listed in the `extraNames` option", reference: "${LICENSE}" }, line: 6 },
      ],
    },
    {
      name: "through a merge key: at the merge site",
      code: "x-env: &env\n  environment:\n    DB_PASSWORD: secret\nservices:\n  api:\n    image: acme/api:1\n    <<: *env\n  worker:\n    image: acme/worker:1\n    <<: *env\n",
      errors: [
        { messageId: "env", line: 7, column: 5 },
        { messageId: "env", line: 10, column: 5 },
      ],
    },
    {
      name: "build args, map and list form",
      code: "services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: npm_abc\n        NODE_ENV: production\n  web:\n    build:\n      context: ./web\n      args:\n        - GITHUB_TOKEN=ghp_abc\n",
      errors: [
        { messageId: "buildArg", data: { service: "app", name: "NPM_TOKEN", reason: 'the word "token"' }, line: 6, column: 20, endColumn: 27 },
        { messageId: "buildArg", line: 12, column: 24 },
      ],
    },
    {
      name: "build arg with a literal default",
      code: "services:\n  app:\n    build:\n      context: .\n      args:\n        NPM_TOKEN: ${NPM_TOKEN:-npm_abc}\n",
      errors: [{ messageId: "buildArgDefault", line: 6 }],
    },
    {
      name: "build args through a merge key inside args",
      code: "x-args: &args\n  NPM_TOKEN: npm_abc\nservices:\n  app:\n    build:\n      context: .\n      args:\n        <<: *args\n        NODE_ENV: production\n",
      errors: [{ messageId: "buildArg", line: 8, column: 9 }],
    },
    // Lifecycle hooks' `environment`, at the value as for a service's, named after the hook.
    ...HOOK_KEYS.flatMap((key) => [
      {
        name: `${key}: a literal secret (map), at the value`,
        code: hook(key, "          DB_PASSWORD: s3cret\n          PGDATA: /data\n"),
        errors: [{ messageId: "envHook", data: { hook: `services.db.${key}[0]`, service: "db", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 7, column: 24, endColumn: 30 }],
      },
      {
        name: `${key}: a literal secret (list), at the value`,
        code: hook(key, "          - PGDATA=/data\n          - API_TOKEN=abc123\n"),
        errors: [{ messageId: "envHook", data: { hook: `services.db.${key}[0]`, service: "db", name: "API_TOKEN", reason: 'the word "token"', reference: "${API_TOKEN}" }, line: 8, column: 23, endColumn: 29 }],
      },
      {
        name: `${key}: a literal default`,
        code: hook(key, "          DB_PASSWORD: ${DB_PASSWORD:-s3cret}\n"),
        errors: [{ messageId: "envDefaultHook", line: 7, column: 24 }],
      },
    ]),
    {
      name: "a hook's literal secret, with its message",
      code: hook("pre_start", "          DB_PASSWORD: s3cret\n"),
      errors: [
        {
          messageId: "envHook",
          message:
            'Hook `services.db.pre_start[0]` sets `DB_PASSWORD`, which looks like a secret (the word "password"), to a literal value for its command: it is committed with the Compose file and shown by `docker compose config`; take it from the environment or a git-ignored `.env` file (`DB_PASSWORD: ${DB_PASSWORD}`).',
          line: 7,
        },
      ],
    },
    {
      name: "a hook's literal default, with its message",
      code: hook("post_start", "          - DB_PASSWORD=${DB_PASSWORD:-s3cret}\n"),
      errors: [
        {
          messageId: "envDefaultHook",
          message:
            "Hook `services.db.post_start[0]` sets `DB_PASSWORD`, which looks like a secret (the word \"password\"), to `${DB_PASSWORD:-s3cret}`, whose default is a literal secret used whenever the variable is unset; drop the default (`${DB_PASSWORD}`, or `${DB_PASSWORD:?DB_PASSWORD must be set}` to refuse to start without it).",
          line: 7,
          column: 25,
        },
      ],
    },
    {
      name: "a watch exec's literal secret",
      code: watchExec("              DB_PASSWORD: s3cret\n"),
      errors: [{ messageId: "envHook", data: { hook: "services.db.develop.watch[0].exec", service: "db", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 12, column: 28, endColumn: 34 }],
    },
    {
      name: "a service's and its hook's literal secrets: one finding each",
      code: `${SVC}    environment:\n      POSTGRES_PASSWORD: s3cret\n    pre_start:\n      - command: ./init\n        environment:\n          POSTGRES_PASSWORD: s3cret\n`,
      errors: [
        { messageId: "env", line: 5, column: 26 },
        { messageId: "envHook", line: 9, column: 30 },
      ],
    },
    {
      name: "a hook's environment through a merge key inside it: at the `<<` line",
      code: "x-env: &env\n  DB_PASSWORD: s3cret\nservices:\n  db:\n    image: postgres:17\n    post_start:\n      - command: ./init\n        environment:\n          <<: *env\n          PGDATA: /data\n",
      errors: [{ messageId: "envHook", data: { hook: "services.db.post_start[0]", service: "db", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 9, column: 11, endColumn: 19 }],
    },
    {
      name: "a hook's environment from an alias: at the alias",
      code: "x-env: &env\n  - DB_PASSWORD=s3cret\nservices:\n  db:\n    image: postgres:17\n    pre_stop:\n      - command: ./dump\n        environment: *env\n",
      errors: [{ messageId: "envHook", line: 8, column: 22, endColumn: 26 }],
    },
    {
      name: "a hook from a merge key: at the hook's `<<` line",
      code: "x-hook: &hook\n  command: ./init\n  environment:\n    DB_PASSWORD: s3cret\nservices:\n  db:\n    image: postgres:17\n    pre_start:\n      - <<: *hook\n",
      errors: [{ messageId: "envHook", line: 9, column: 9, endColumn: 18 }],
    },
    {
      name: "a hook list from an alias: at the alias, once per service that uses it",
      code: "x-hooks: &hooks\n  - command: ./init\n    environment:\n      DB_PASSWORD: s3cret\nservices:\n  a:\n    image: a:1\n    pre_start: *hooks\n  b:\n    image: b:1\n    pre_start: *hooks\n",
      errors: [
        { messageId: "envHook", data: { hook: "services.a.pre_start[0]", service: "a", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 8, column: 16 },
        { messageId: "envHook", data: { hook: "services.b.pre_start[0]", service: "b", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 11, column: 16 },
      ],
    },
    {
      name: "a hook inherited through extends: at the base's value and at the extending service's `extends`",
      code: "services:\n  base:\n    image: acme/api:1\n    post_start:\n      - command: ./init\n        environment:\n          DB_PASSWORD: s3cret\n  api:\n    extends: base\n",
      errors: [
        { messageId: "envHook", data: { hook: "services.base.post_start[0]", service: "base", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 7, column: 24 },
        { messageId: "envHook", data: { hook: "services.api.post_start[0]", service: "api", name: "DB_PASSWORD", reason: 'the word "password"', reference: "${DB_PASSWORD}" }, line: 9, column: 5 },
      ],
    },
    {
      name: "an inherited variable (extends) reports at extends",
      code: "services:\n  base:\n    image: acme/api:1\n    environment:\n      DB_PASSWORD: secret\n  api:\n    extends: base\n    environment:\n      DEBUG: \"1\"\n",
      errors: [
        { messageId: "env", line: 5, column: 20 },
        { messageId: "env", line: 7, column: 5 },
      ],
    },
  ],
});
