import type { InvalidCase, ValidCase } from "../../src/testing/rule-tester.js";
import { fileHost } from "./file-host.js";

const BASE = "services:\n  web:\n    image: nginx:1.27\n";

/**
 * The cases every Compose rule about a MISSING setting shares for the other files of a project
 * (docs/compose-projects.md, "What another layer gives"): `setting` gives service `web` what the
 * rule looks for (`    cap_drop: [ALL]\n`), `described` names it in the case names, and
 * `missing` lists the messageIds the rule reports on a `web` of `nginx:1.27` without it.
 */
export function otherLayerCases(described: string, setting: string, missing: readonly string[]): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const givenBy = (file: string, text: string): ValidCase["services"] => fileHost({ [file]: text });
  const errors = missing.map((messageId) => ({ messageId, line: 2 }));
  return {
    valid: [
      {
        name: `layers: the override file that docker compose loads with compose.yaml gives the service ${described}`,
        filePath: "/repo/compose.yaml",
        code: BASE,
        services: givenBy("compose.override.yaml", `services:\n  web:\n${setting}`),
      },
      {
        name: `layers: an override's service with an image of its own gets ${described} from the base file's`,
        filePath: "/repo/compose.override.yaml",
        code: "services:\n  web:\n    image: nginx:1.27-alpine\n",
        services: givenBy("compose.yaml", BASE + setting),
      },
      {
        name: `layers: the override loaded with the compose.yaml above that includes this file gives the service ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({ "../compose.yaml": "include:\n  - db/compose.yaml\n", "../compose.override.yaml": `services:\n  web:\n${setting}` }),
      },
      {
        name: `layers: a later path of the include entry that names this file gives the service ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({ "../compose.yaml": "include:\n  - path: [db/compose.yaml, db/hardening.yaml]\n", "../db/hardening.yaml": `services:\n  web:\n${setting}` }),
      },
      {
        name: `layers: the compose.yaml above that includes this file gives its own same-named service ${described} (compose-go since v2.10 merges it over the imported one)`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({ "../compose.yaml": `include:\n  - db/compose.yaml\nservices:\n  web:\n${setting}` }),
      },
      {
        name: `layers: another file that the including compose.yaml includes gives the same-named service ${described} (merged on import)`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({ "../compose.yaml": "include:\n  - db/compose.yaml\n  - hardening/compose.yaml\n", "../hardening/compose.yaml": `services:\n  web:\n${setting}` }),
      },
      {
        name: `layers: a file this one includes gives the same-named service ${described}, which this file's service (with an image of its own) is merged over`,
        filePath: "/repo/compose.yaml",
        code: "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27-alpine\n",
        services: givenBy("db/compose.yaml", BASE + setting),
      },
      {
        name: `layers: a later file of settings.composeFiles gives the service ${described}`,
        filePath: "compose.yaml",
        code: BASE,
        settings: { composeFiles: ["compose.yaml", "compose.prod.yaml"] },
        services: givenBy("compose.prod.yaml", `services:\n  web:\n${setting}`),
      },
    ],
    invalid: [
      {
        name: `layers: an override that does not give ${described} leaves it missing`,
        filePath: "/repo/compose.yaml",
        code: BASE,
        services: givenBy("compose.override.yaml", "services:\n  web:\n    ports: [\"127.0.0.1:80:80\"]\n"),
        errors,
      },
      {
        name: `layers: the including file's other services do not give ${described} to this one`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({ "../compose.yaml": `include:\n  - db/compose.yaml\nservices:\n  api:\n    image: nginx:1.27\n${setting}` }),
        errors,
      },
      {
        name: "layers: docker-compose.yml beside compose.yaml is not loaded, so the override is not merged over it",
        filePath: "/repo/docker-compose.yml",
        code: BASE,
        services: fileHost({ "compose.yaml": "services: {}\n", "compose.override.yaml": `services:\n  web:\n${setting}` }),
        errors,
      },
    ],
  };
}
