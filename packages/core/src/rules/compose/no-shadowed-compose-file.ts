import type { ComposeModel } from "../../compose/model.js";
import { defineRule } from "../../rule.js";

export default defineRule<ComposeModel>({
  meta: {
    id: "no-shadowed-compose-file",
    kind: "compose",
    category: "correctness",
    severity: "warning",
    docs: "Disallow a Compose file that `docker compose` never loads in its directory, because a file it looks for first exists beside it (`compose.yaml` beside `docker-compose.yml`).",
    presets: ["recommended"],
    messages: {
      shadowed:
        "`docker compose` run in this directory loads `{{file}}`, not this file: it takes the first of {{names}} that exists and only warns about the others (\"Found multiple {{what}} files with supported names\"), so changes made here do not take effect; merge this file into `{{file}}` and delete it, or name it with `-f` (and in `settings.composeFiles`) if it is meant to be run that way.",
    },
    references: {},
  },
  check({ model, report }) {
    const shadowed = model.shadowedBy;
    if (!shadowed) return;
    report({
      messageId: "shadowed",
      data: {
        file: shadowed.file,
        names: shadowed.names.map((name) => `\`${name}\``).join(", "),
        what: shadowed.names[0]?.includes("override") ? "override" : "config",
      },
      range: [0, model.source.lineEnd(1)],
    });
  },
});
