import type { ComposeModel } from "../../compose/model.js";
import { evaluateParts, parseInterpolation } from "../../compose/interpolation.js";
import type { Part } from "../../compose/interpolation.js";
import { defineRule } from "../../rule.js";
import type { OffsetRange } from "../../source.js";
import { isPublicKeyValue, secretNameMatch, SECRET_NAME_RULE_OPTIONS, SECRET_REASONS, type SecretRuleOptions } from "../../util/secret-names.js";
import { keyValueEntries } from "./_b-key-values.js";
import { hookEnvironment, serviceHooks } from "./_c-hooks.js";

type Options = SecretRuleOptions;
const REASONS = SECRET_REASONS;

/**
 * Values that make the variable a switch about a secret (`REDIS_AUTH: "true"`,
 * `MYSQL_RANDOM_ROOT_PASSWORD: 1`, `NEO4J_AUTH: none`, which turns authentication off), not the
 * secret, or that spell "no value" for the application (coolify's `${REDIS_PASSWORD:-null}`, which
 * Laravel reads as no password).
 */
const SWITCH_VALUES: ReadonlySet<string> = new Set(["true", "false", "yes", "no", "on", "off", "0", "1", "none", "disabled", "enabled", "null", "nil"]);

/**
 * Authentication schemes: a variable named for "auth" set to one of them chooses how to
 * authenticate (`REGISTRY_AUTH: htpasswd`, the registry image's switch), it does not hold a credential.
 */
const AUTH_SCHEMES: ReadonlySet<string> = new Set(["htpasswd", "token", "silly", "basic", "bearer", "digest", "ldap", "oauth", "oauth2", "oidc", "saml", "jwt", "kerberos", "ntlm", "anonymous"]);

/**
 * Whether a TLS client must authenticate: a variable named for "auth" set to one of them is a mode
 * switch (`KAFKA_SSL_CLIENT_AUTH: required`, Kafka's `required`/`requested`/`none`; Spring's and
 * ZooKeeper's `need`/`want`; nginx's and Elasticsearch's `optional`), not a credential. Only for
 * "auth" names: `DB_PASSWORD: required` is a placeholder that ships as the password.
 */
const AUTH_MODES: ReadonlySet<string> = new Set(["required", "requested", "optional", "need", "want"]);

/** A name Compose can interpolate (`[_a-z][_a-z0-9]*`, any case); others become one for the suggested `${…}` (`sonar.jdbc.password` → `SONAR_JDBC_PASSWORD`). */
function variableFor(name: string): string {
  if (/^[A-Z_]\w*$/i.test(name)) return name;
  const upper = name.toUpperCase().replace(/[^A-Z0-9_]+/g, "_");
  return /^\d/.test(upper) ? `_${upper}` : upper;
}

/**
 * Values that name something rather than hold a secret: a path to a key or password file
 * (`/run/secrets/db`, `certs/es-key.pem`, `kafka.pass`), an escaped reference the application expands itself
 * (`$${VAULT_DB_PASSWORD}`), and Java/Python class or module names
 * (`CONNECT_KEY_CONVERTER: org.apache.kafka.connect.storage.StringConverter`).
 */
const NOT_A_SECRET_VALUE: readonly RegExp[] = [
  /^(\/|\.\.?\/|~\/)[\w.@-]+(\/[\w.@-]*)+$/,
  /^[\w.-]+(\/[\w.-]+)*\.(pem|key|crt|cert|p12|pfx|jks|keystore|truststore|json|txt|pass|passwd|creds)$/i,
  /^\$(\{[A-Z_]\w*\}|[A-Z_]\w*)$/i,
  /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){2,}(\.[A-Z]\w*)?(\s*,\s*[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*){2,}(\.[A-Z]\w*)?)*$/,
];

/** `default`: the literal is the default of a variable (`${DB_PASSWORD:-secret}`), named in `variable`. */
interface Literal {
  kind: "literal" | "default";
  variable?: string;
  /** The value Compose sets when the variable is unset, trimmed. */
  value: string;
}

function hasVariableWithoutDefault(parts: readonly Part[]): boolean {
  return parts.some(
    (part) =>
      part.kind === "variable" &&
      // `${X:-d}`/`${X-d}` fall back to the file's text; anything else comes from the environment.
      (part.operator !== ":-" && part.operator !== "-" ? true : hasVariableWithoutDefault(part.argument)),
  );
}

/**
 * Whether a value ships a literal secret: written in the file (`secret`), or as the default of
 * a variable (`${DB_PASSWORD:-secret}`), which is used whenever the variable is unset. A value
 * that takes any part from the environment (`${DB_PASSWORD}`, `postgres://app:${PW}@db`), an
 * empty value, a switch (`true`, `1`) and the values of `NOT_A_SECRET_VALUE` are not literal secrets.
 */
function literalSecret(text: string): Literal | undefined {
  const { parts } = parseInterpolation(text);
  if (hasVariableWithoutDefault(parts)) return undefined;
  const value = evaluateParts(parts).value.trim();
  if (value === "" || SWITCH_VALUES.has(value.toLowerCase())) return undefined;
  if (NOT_A_SECRET_VALUE.some((pattern) => pattern.test(value))) return undefined;
  const withDefault = parts.find((part) => part.kind === "variable");
  return withDefault ? { kind: "default", variable: withDefault.name, value } : { kind: "literal", value };
}

export default defineRule<ComposeModel, Options>({
  meta: {
    id: "no-secrets-in-env",
    kind: "compose",
    category: "security",
    severity: "error",
    docs: "Disallow literal secrets in Compose `environment:` (of services and their lifecycle hooks) and `build.args` values.",
    presets: ["recommended"],
    messages: {
      env: "Service `{{service}}` sets `{{name}}`, which looks like a secret ({{reason}}), to a literal value: it is committed with the Compose file and readable by anyone who can run `docker inspect`; take it from the environment or a git-ignored `.env` file (`{{name}}: {{reference}}`), or use Compose `secrets:` (e.g. `{{name}}_FILE: /run/secrets/…` where the image supports it).",
      envDefault:
        "Service `{{service}}` sets `{{name}}`, which looks like a secret ({{reason}}), to `{{written}}`, whose default is a literal secret used whenever the variable is unset; drop the default (`{{reference}}`, or `{{required}}` to refuse to start without it).",
      envHook:
        "Hook `{{hook}}` sets `{{name}}`, which looks like a secret ({{reason}}), to a literal value for its command: it is committed with the Compose file and shown by `docker compose config`; take it from the environment or a git-ignored `.env` file (`{{name}}: {{reference}}`).",
      envDefaultHook:
        "Hook `{{hook}}` sets `{{name}}`, which looks like a secret ({{reason}}), to `{{written}}`, whose default is a literal secret used whenever the variable is unset; drop the default (`{{reference}}`, or `{{required}}` to refuse to start without it).",
      buildArg:
        "Service `{{service}}` passes build argument `{{name}}`, which looks like a secret ({{reason}}), as a literal value: build arguments are recorded in the image history and build cache; pass it as a build secret instead (`build: {secrets: […]}` with `RUN --mount=type=secret` in the Dockerfile).",
      buildArgDefault:
        "Service `{{service}}` passes build argument `{{name}}`, which looks like a secret ({{reason}}), as `{{written}}`, whose default is a literal secret, and build arguments are recorded in the image history; pass it as a build secret instead (`build: {secrets: […]}` with `RUN --mount=type=secret` in the Dockerfile).",
    },
    options: SECRET_NAME_RULE_OPTIONS,
    references: {
      cis: ["4.10"],
    },
  },
  check({ model, options, report }) {
    // An entry several services share through an anchor (`<<: *secret-key`) is reported once,
    // where it is written, for the first service that reads it.
    const reported = new Set<string>();
    /** `hook` names the lifecycle hook whose `environment` sets the variable. */
    const judge = (kind: "env" | "buildArg", service: string, name: string, value: string | undefined, range: OffsetRange, hook?: string): void => {
      if (value === undefined) return;
      const site = `${kind}:${range[0]}:${range[1]}`;
      if (reported.has(site)) return;
      const match = secretNameMatch(name, options);
      if (!match) return;
      const literal = literalSecret(value);
      if (!literal || isPublicKeyValue(name, match, literal.value)) return;
      if (match.kind === "word" && match.word === "auth") {
        const setting = value.trim().toLowerCase();
        if (AUTH_SCHEMES.has(setting) || AUTH_MODES.has(setting)) return;
      }
      // The fix for a default names the variable the value reads (`${PG_PASS:-x}` → `${PG_PASS}`).
      const variable = literal.variable ?? variableFor(name);
      const messageId = literal.kind === "default" ? (kind === "env" ? "envDefault" : "buildArgDefault") : kind;
      const data: Record<string, string> = { service, name, reason: REASONS[match.kind](match.word), written: value, reference: `\${${variable}}`, required: `\${${variable}:?${variable} must be set}` };
      if (hook !== undefined) data["hook"] = hook;
      reported.add(site);
      report({ messageId: hook === undefined ? messageId : `${messageId}Hook`, data, range });
    };
    for (const service of model.services) {
      for (const variable of service.environment) {
        judge("env", service.name, variable.name, variable.value, variable.valueRange ?? variable.range);
      }
      for (const arg of keyValueEntries(service, model.document, service.get(["build", "args"]))) {
        judge("buildArg", service.name, arg.name, arg.value, arg.valueRange ?? arg.range);
      }
      // A hook's `environment` is its command's (pre_start, post_start, pre_stop, develop.watch[].exec).
      for (const hook of serviceHooks(model, service)) {
        for (const variable of hookEnvironment(model, hook)) {
          judge("env", service.name, variable.name, variable.value, variable.valueRange ?? variable.range, hook.name);
        }
      }
    }
  },
});
