import { memberOf, stringOf, type DaemonModel } from "../../daemon/model.js";
import { defineRule } from "../../rule.js";

/** `-1` (json-file's own default) and an empty value mean no limit. */
function isUnlimited(size: string): boolean {
  const value = size.trim();
  return value === "" || /^-\d/.test(value);
}

export default defineRule<DaemonModel>({
  meta: {
    id: "require-log-rotation",
    kind: "daemon",
    category: "best-practice",
    severity: "warning",
    docs: "Require `log-opts.max-size` when containers log to `json-file` (the default), so container logs cannot fill the disk.",
    presets: ["recommended"],
    messages: {
      noMaxSize:
        'Containers log with the `json-file` driver{{implicit}} and daemon.json sets no `log-opts.max-size`, so every container\'s log grows until the disk is full; add `"log-opts": { "max-size": "10m", "max-file": "3" }` (or use the `local` driver, which rotates by default).',
      unlimited:
        '`"max-size": "{{value}}"` turns log rotation off, so every container\'s log grows until the disk is full; set a size such as "10m".',
    },
    references: {},
  },
  check({ model, report }) {
    const driverMember = model.get("log-driver");
    const driverText = stringOf(driverMember?.value);
    if (driverMember && driverText === undefined) return; // a wrong type: valid-daemon-config's finding
    const driver = driverText?.trim() === "" || driverText === undefined ? "json-file" : driverText.trim();
    if (driver !== "json-file" && driver !== "local") return;
    const opts = model.get("log-opts");
    const maxSize = memberOf(opts?.value, "max-size");
    const size = stringOf(maxSize?.value);
    if (maxSize && size !== undefined && isUnlimited(size)) {
      report({ messageId: "unlimited", data: { value: size }, range: maxSize.value.range });
      return;
    }
    // `local` rotates by default (20 MB × 5 files); `json-file` keeps everything unless told.
    if (driver === "local" || maxSize) return;
    const range = opts ? opts.keyRange : driverMember ? driverMember.value.range : model.anchor;
    report({ messageId: "noMaxSize", data: { implicit: driverMember && driverText?.trim() !== "" ? "" : " (the default)" }, range });
  },
});
