import { booleanOf, type DaemonModel } from "../../daemon/model.js";
import type { ReportDescriptor } from "../../rule.js";

/**
 * The common shape of CIS section 2 checks: a boolean setting that must be `wanted`. A missing
 * key is reported at the file's opening `{` (message `missing`), a written opposite value at the
 * value (message `wrongValue`). A value of another type is left to `valid-daemon-config`.
 */
export function requireBoolean(model: DaemonModel, report: (descriptor: ReportDescriptor) => void, key: string, wanted: boolean): void {
  const member = model.get(key);
  if (!member) {
    report({ messageId: "missing", range: model.anchor });
    return;
  }
  const value = booleanOf(member.value);
  if (value === !wanted) report({ messageId: "wrongValue", range: member.value.range });
}

/** Reports a boolean setting written as `unwanted` (the default being fine), at the value. */
export function forbidBoolean(model: DaemonModel, report: (descriptor: ReportDescriptor) => void, key: string, unwanted: boolean): void {
  const member = model.get(key);
  if (member && booleanOf(member.value) === unwanted) report({ messageId: "wrongValue", range: member.value.range });
}
