/**
 * Names of Object.prototype's members (`constructor`, `__proto__`, `toString`, …) wherever a file
 * or a config puts a name: images, stages, variables, labels, keys, services, networks, file
 * names, option keys. A lookup table written as an object literal finds the member instead of
 * nothing: `FROM constructor` crashed no-undefined-variable, `{"constructor": 1}` was a daemon.json
 * setting that "must be undefined", a build context file named `constructor` was a secret, and a
 * `groupOrder` naming `__proto__` crashed order-service-keys. Random text rarely spells these in
 * the right place (20,000 fuzz inputs did not), hence these templates.
 */
import { describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { lintChecked, projectProblems, projectServices, PROTOTYPE_KEYS } from "./harness.js";

const dockerfiles = (name: string): string[] => [
  `FROM ${name.toLowerCase()}\nARG ${name}\nENV ${name}=1 OTHER=$${name}\nLABEL ${name}=x\nRUN ${name} install ${name} && echo $${name} $UNSET\nCOPY --from=${name} ${name} /${name}\nUSER ${name}\nEXPOSE ${name}\nHEALTHCHECK CMD ${name}\n`,
  `FROM alpine:3.19 AS ${name.toLowerCase()}\nRUN apt-get install -y ${name} && pip install ${name} && npm install ${name} && apk add ${name}\nFROM ${name.toLowerCase()}\nCOPY --from=${name.toLowerCase()} /a /b\nRUN echo $${name}\n`,
  `# syntax=docker/dockerfile:1\n# check=skip=${name}\n# hadolint ignore=${name}\n# docklint-disable-next-line ${name}\nFROM ${name.toLowerCase()}:1.0\nSHELL ["${name}", "-c"]\nRUN ${name}\n`,
];

const composes = (name: string): string[] => [
  `services:\n  ${name}:\n    image: ${name.toLowerCase()}\n    ${name}: 1\n    environment:\n      ${name}: x\n    labels:\n      ${name}: y\n    cap_add: [${name}]\n    sysctls:\n      ${name}: 1\n    ports: ["${name}"]\n    networks: [${name}]\n    volumes: ["${name}:/x"]\n    secrets: [${name}]\n    depends_on: [${name}]\n    security_opt: ["${name}:unconfined"]\n${name}: 1\nnetworks:\n  ${name}: {}\nvolumes:\n  ${name}: {}\nsecrets:\n  ${name}: {file: x}\nx-${name}: 1\n`,
  `services:\n  a:\n    image: x:1\n    deploy:\n      ${name}: 1\n      resources:\n        ${name}: 1\n    build:\n      ${name}: 1\n      args:\n        ${name}: 1\n    logging:\n      options:\n        ${name}: 1\n    healthcheck:\n      ${name}: 1\n    ulimits:\n      ${name}: 1\n    extends:\n      service: ${name}\n`,
];

const daemons = (name: string): string[] => [`{"${name}": 1}`, `{"${name}": {"${name}": true}}`, `{"log-opts": {"${name}": "x"}, "default-ulimits": {"${name}": {}}, "runtimes": {"${name}": {"path": "x"}}}`];

/** Options and settings whose keys and values are those names. */
const configs = (name: string): Config[] => [
  {
    extends: ["all"],
    settings: { labelSchema: { [name]: "url", a: name }, strictLabels: true, trustedRegistries: [name] },
    rules: {
      "no-undefined-variable": ["warn", { baseImageEnv: { [name]: [name] } }],
      "order-service-keys": ["warn", { groups: { [name]: [name, "image"] }, groupOrder: [name, "__proto__", "constructor"] }],
      "no-sensitive-port": ["warn", { ports: { [name]: name }, allow: [name] }],
      "order-top-level-keys": ["warn", { order: [name, "services"] }],
    },
  },
];

describe("names of Object.prototype's members, wherever a file or config puts a name", () => {
  for (const name of PROTOTYPE_KEYS) {
    it(`${name}: Dockerfiles, Compose files and daemon.json files lint cleanly with every rule, under any of these configs`, () => {
      const inputs = [
        ...dockerfiles(name).map((text) => ["dockerfile", text] as const),
        ...composes(name).map((text) => ["compose", text] as const),
        ...daemons(name).map((text) => ["daemon", text] as const),
      ];
      for (const config of [undefined, ...configs(name)]) {
        for (const [kind, text] of inputs) {
          expect(lintChecked(text, kind, config ? { config } : {}).problems, `${kind} ${JSON.stringify(text)}`).toEqual([]);
        }
      }
    });

    it(`${name}: a build context and project files with that name`, () => {
      const project = {
        Dockerfile: `FROM alpine:3.19\nCOPY ${name} /app/\nCOPY . /app\n`,
        [name]: "x",
        [`${name}/${name}`]: "y",
        ".dockerignore": `${name}\n!${name}\n`,
      };
      expect(projectProblems(project)).toEqual([]);
      const compose = { "compose.yaml": `include: [${name}.yaml]\nservices:\n  a:\n    extends: {file: ${name}.yaml, service: ${name}}\n    env_file: ${name}\n    build: ${name}\n`, [`${name}.yaml`]: `services:\n  ${name}:\n    image: x:1\n`, [name]: `${name}=1\n` };
      expect(projectProblems(compose)).toEqual([]);
    });
  }

  it("a daemon.json key or a build context file named like a member is what it is: unknown, or not a secret", () => {
    const daemon = lintChecked(`{"constructor": 1}`, "daemon", { config: { rules: { "valid-daemon-config": "error" } } }).result?.messages ?? [];
    expect(daemon.map((m) => m.message)).toEqual([expect.stringMatching(/^`constructor` is not a daemon\.json setting/)]);
    const logOpts = lintChecked(`{"log-opts": {"toString": "1"}}`, "daemon", { config: { rules: { "valid-daemon-config": "error" } } }).result?.messages ?? [];
    // dockerd refuses an option its default driver (json-file) does not have, whatever its name.
    expect(logOpts.map((m) => m.message)).toEqual([expect.stringMatching(/^`log-opts\.toString`: the json-file driver has no option "toString"/)]);
    const project = { Dockerfile: "FROM alpine:3.19\nCOPY . /app\n", constructor: "x", "src/toString": "y", "__proto__/valueOf": "z", ".env": "SECRET=1" };
    const secrets = lintChecked(project.Dockerfile, "dockerfile", { filePath: "/fuzz/project/Dockerfile", services: projectServices(project), config: { rules: { "no-secret-files-in-context": "error" } } }).result?.messages ?? [];
    expect(secrets.map((m) => m.message)).toEqual([expect.stringMatching(/^COPY `\.` copies `\.env` \(environment file\) from the build context/)]);
  });
});
