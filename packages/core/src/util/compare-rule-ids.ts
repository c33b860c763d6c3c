/** Rule ids that sort the same by UTF-16 code unit as by `localeCompare`: lowercase letters, digits, hyphens. */
const PLAIN_RULE_ID = /^[a-z0-9-]*$/;

/**
 * `localeCompare` order for rule ids, without ICU for the plain ones: for `[a-z0-9-]` ids the root
 * collation's order is the code-unit order (hyphen, then digits, then letters), and the first
 * `localeCompare` of a process starts ICU, ~6 ms of a one-Dockerfile run (issue 7). Other ids
 * (plugin rules: `namespace/rule`, capitals) still go through `localeCompare`.
 */
export function compareRuleIds(a: string, b: string): number {
  if (PLAIN_RULE_ID.test(a) && PLAIN_RULE_ID.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return a.localeCompare(b);
}
