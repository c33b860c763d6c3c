/** `root`, `0`, `root:…`, `0:…` (what `USER` and Compose's `user:` accept for the superuser). */
export function isRootUser(user: string): boolean {
  const name = user.trim().replace(/^["']|["']$/g, "").split(":")[0] ?? "";
  return name === "root" || /^0+$/.test(name);
}
