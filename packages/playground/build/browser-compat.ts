import type { Plugin } from "vite";

interface Patch {
  /** The module, by the end of its resolved path. */
  module: RegExp;
  find: string;
  replace: string;
  why: string;
}

/**
 * Narrow build-time edits of dependencies that use Node APIs where a web API does the same. Each
 * names the exact text it replaces, and the build fails when that text is gone (an upgrade
 * changed the module), so a patch never silently stops applying.
 */
const PATCHES: readonly Patch[] = [
  {
    module: /[/\\]dockerfile-ast[/\\]lib[/\\]util\.js$/,
    find: 'Uint8Array.from(Buffer.from(char, "UTF-8"))',
    replace: "new TextEncoder().encode(char)",
    why: "dockerfile-ast encodes the first character with Node's Buffer to look for a UTF-8 BOM",
  },
];

export function browserCompat(): Plugin {
  return {
    name: "docklint:browser-compat",
    enforce: "pre",
    transform(code, id) {
      const path = id.split("?")[0] ?? id;
      const patch = PATCHES.find((p) => p.module.test(path));
      if (!patch) return null;
      if (!code.includes(patch.find)) {
        this.error(`${path}: the text to patch (${patch.find}) is not there any more; ${patch.why}. Check whether the new version still needs the patch in build/browser-compat.ts`);
      }
      return { code: code.replace(patch.find, patch.replace), map: null };
    },
  };
}
