import type { ComposeModel } from "../../compose/model.js";
import { evaluate } from "../../compose/interpolation.js";
import { splitOutside } from "../../compose/syntax.js";
import { defineRule } from "../../rule.js";
import { fieldText, itemField, seqItems } from "./_c-nodes.js";

/** The interpolated text, or the text as written when it depends on an unset variable. */
function shown(text: string): string {
  const result = evaluate(text);
  return result.unknown.length > 0 || result.required.length > 0 ? text : result.value;
}

/**
 * A device named rather than given as a path: CDI (`nvidia.com/gpu=all`) or a Windows device
 * class (`class/5B45201D-…`). An unset variable is not taken for a name.
 */
function isNamed(text: string): boolean {
  const result = evaluate(text);
  if (result.unknown.length > 0 || result.required.length > 0) return false;
  const value = result.value.trim();
  return value !== "" && !value.startsWith("/") && value.includes("/");
}

interface Device {
  source: string;
  target: string;
  /** undefined: Docker's default `rwm`. */
  permissions: string | undefined;
}

/** Short syntax `host[:container[:permissions]]`; a 2-part entry whose second part is only `rwm` letters is `host:permissions`. */
function parseShort(text: string): Device {
  const parts = splitOutside(text, ":");
  const source = parts[0] ?? "";
  if (parts.length === 1) return { source, target: source, permissions: undefined };
  if (parts.length === 2 && /^[rwm]+$/.test(parts[1] ?? "")) return { source, target: source, permissions: parts[1] };
  return { source, target: parts[1] ?? source, permissions: parts.length > 2 ? parts.slice(2).join(":") : undefined };
}

export default defineRule<ComposeModel>({
  meta: {
    id: "no-host-devices",
    kind: "compose",
    category: "security",
    severity: "warning",
    docs: "Disallow exposing host devices to Compose services (`devices:`, `device_cgroup_rules:`).",
    presets: ["strict", "cis"],
    messages: {
      device:
        "Service `{{service}}` gets the host device `{{source}}` with `{{permissions}}` access: the container talks to the device's kernel driver directly, outside the container's isolation; remove the mapping if the service can do without it, otherwise keep only this device with the fewest permissions it needs (`{{source}}:{{target}}:r` when it only reads).",
      namedDevice:
        "Service `{{service}}` gets the host device(s) `{{source}}` by name (CDI or a device class): the container talks to their kernel drivers directly; request only the devices the service needs (one device rather than `all`).",
      cgroupRule:
        "Service `{{service}}` allows device access through the cgroup rule `{{rule}}`: with the default MKNOD capability the container can create and open any host device node the rule matches; remove the rule and map only the device needed with `devices:`.",
    },
    references: {
      cis: ["5.18"],
    },
  },
  check({ model, report }) {
    for (const service of model.services) {
      for (const item of seqItems(model, service, ["devices"])) {
        let device: Device;
        let range = item.range;
        if (typeof item.value === "object" && item.value !== null) {
          const source = itemField(model, item, ["source"]);
          const sourceText = fieldText(source);
          if (source === undefined || sourceText === undefined || sourceText.trim() === "") continue;
          const target = fieldText(itemField(model, item, ["target"]));
          const permissions = fieldText(itemField(model, item, ["permissions"]));
          device = { source: sourceText.trim(), target: target?.trim() ?? sourceText.trim(), permissions: permissions?.trim() };
          range = source.range;
        } else {
          const text = fieldText(item);
          if (text === undefined || text.trim() === "") continue;
          device = parseShort(text.trim());
        }
        const source = shown(device.source);
        if (isNamed(device.source)) {
          report({ messageId: "namedDevice", data: { service: service.name, source }, range });
          continue;
        }
        report({
          messageId: "device",
          data: {
            service: service.name,
            source,
            target: shown(device.target),
            permissions: device.permissions === undefined ? "rwm" : shown(device.permissions),
          },
          range,
        });
      }
      for (const item of seqItems(model, service, ["device_cgroup_rules"])) {
        const text = fieldText(item);
        if (text === undefined || text.trim() === "") continue;
        report({ messageId: "cgroupRule", data: { service: service.name, rule: shown(text.trim()) }, range: item.range });
      }
    }
  },
});
