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
        name: `layers: hard/compose.yaml, included beside this file, includes hard/limits.yaml, which gives the same-named service ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        services: fileHost({
          "../compose.yaml": "include:\n  - db/compose.yaml\n  - hard/compose.yaml\n",
          "../hard/compose.yaml": "include:\n  - limits.yaml\n",
          "../hard/limits.yaml": `services:\n  web:\n${setting}`,
        }),
      },
      {
        name: `layers: a file this one includes gives the same-named service ${described}, which this file's service (with an image of its own) is merged over`,
        filePath: "/repo/compose.yaml",
        code: "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27-alpine\n",
        services: givenBy("db/compose.yaml", BASE + setting),
      },
      {
        name: `layers: a settings.composeFiles file before the -f file that includes this one gives the service ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        settings: { composeFiles: ["../compose.yaml", "../compose.prod.yaml"] },
        services: fileHost({ "../compose.yaml": `services:\n  web:\n    image: nginx:1.27\n${setting}`, "../compose.prod.yaml": "include:\n  - db/compose.yaml\n" }),
      },
      {
        name: `layers: a settings.composeFiles file after the -f file that includes this one gives the service ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        settings: { composeFiles: ["../compose.prod.yaml", "../compose.hardening.yaml"] },
        services: fileHost({ "../compose.prod.yaml": "include:\n  - db/compose.yaml\n", "../compose.hardening.yaml": `services:\n  web:\n${setting}` }),
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
        name: `layers: run with -f, the default override beside the including file is not loaded, so it does not give ${described}`,
        filePath: "/repo/db/compose.yaml",
        code: BASE,
        settings: { composeFiles: ["../compose.yaml"] },
        services: fileHost({ "../compose.yaml": "include:\n  - db/compose.yaml\n", "../compose.override.yaml": `services:\n  web:\n${setting}` }),
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

/** How a rule's setting is dropped by a merge tag, for `resetLayerCases`. */
export interface ResetForms {
  /** Lines of service `web` that drop the setting (`    cap_drop: !reset []\n`), one per finding. */
  reset: string;
  /** The setting written under `!reset`, which compose-go drops with its key (`    cap_drop: !reset [ALL]\n`). */
  resetSetting: string;
  /** The messageIds reported at the lines of `reset`, in order. */
  dropped: readonly string[];
}

/**
 * The cases every Compose rule about a MISSING setting shares for `!reset` and `!override`
 * (docs/compose-projects.md, "What another layer gives"): a file that drops what a file before it
 * gives is reported at the tag; what a later file gives again, or gives under `!reset`, is judged
 * as compose-go merges it.
 */
export function resetLayerCases(described: string, setting: string, missing: readonly string[], forms: ResetForms): { valid: ValidCase[]; invalid: InvalidCase[] } {
  const missingErrors = missing.map((messageId) => ({ messageId, line: 2 }));
  const droppedErrors = forms.dropped.map((messageId, at) => ({ messageId, line: 3 + at }));
  const resetting = `services:\n  web:\n${forms.reset}`;
  return {
    valid: [
      {
        name: `reset: the base file that gives ${described} is not at fault when its override drops it (the override is reported)`,
        filePath: "/repo/compose.yaml",
        code: BASE + setting,
        services: fileHost({ "compose.override.yaml": resetting }),
      },
      {
        name: `reset: a file merged after the one that drops ${described} gives it again`,
        filePath: "/repo/reset.yaml",
        code: resetting,
        settings: { composeFiles: ["compose.yaml", "reset.yaml", "again.yaml"] },
        services: fileHost({ "compose.yaml": BASE + setting, "again.yaml": `services:\n  web:\n${setting}` }),
      },
      {
        name: `reset: what another include entry gives (${described}) stays whatever this included file tags (compose-go's tags do not cross entries)`,
        filePath: "/repo/db/compose.yaml",
        code: resetting,
        services: fileHost({ "../compose.yaml": "include:\n  - db/compose.yaml\n  - hard/compose.yaml\n", "../hard/compose.yaml": `services:\n  web:\n${setting}` }),
      },
      {
        name: `reset: an override that resets another key keeps the base file's ${described}`,
        filePath: "/repo/compose.override.yaml",
        code: "services:\n  web:\n    environment: !reset []\n",
        services: fileHost({ "compose.yaml": BASE + setting }),
      },
    ],
    invalid: [
      {
        name: `reset: an override's !reset that drops ${described}, which the base file gives, is reported at the tag`,
        filePath: "/repo/compose.override.yaml",
        code: resetting,
        services: fileHost({ "compose.yaml": BASE + setting }),
        errors: droppedErrors,
      },
      {
        name: `reset: a later file of settings.composeFiles that drops ${described} is reported at the tag`,
        filePath: "/repo/prod.yaml",
        code: resetting,
        settings: { composeFiles: ["compose.yaml", "prod.yaml"] },
        services: fileHost({ "compose.yaml": BASE + setting }),
        errors: droppedErrors,
      },
      {
        name: `reset: an include entry's later path that drops ${described}, which its earlier path gives, is reported at the tag`,
        filePath: "/repo/db/dev.yaml",
        code: resetting,
        services: fileHost({ "../compose.yaml": "include:\n  - path: [db/compose.yaml, db/dev.yaml]\n", "../db/compose.yaml": BASE + setting }),
        errors: droppedErrors,
      },
      {
        name: `reset: ${described} that a file between drops does not reach the last file`,
        filePath: "/repo/last.yaml",
        code: BASE,
        settings: { composeFiles: ["compose.yaml", "reset.yaml", "last.yaml"] },
        services: fileHost({ "compose.yaml": BASE + setting, "reset.yaml": resetting }),
        errors: missingErrors,
      },
      {
        name: `reset: ${described} written under !reset in a file alone is dropped with its key`,
        code: BASE + forms.resetSetting,
        errors: missingErrors,
      },
      {
        name: `reset: ${described} written under !reset in the override is dropped with its key`,
        filePath: "/repo/compose.yaml",
        code: BASE,
        services: fileHost({ "compose.override.yaml": `services:\n  web:\n${forms.resetSetting}` }),
        errors: missingErrors,
      },
    ],
  };
}
