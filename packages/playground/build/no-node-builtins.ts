import { builtinModules } from "node:module";
import { isAbsolute } from "node:path";
import { parseAst, type Plugin } from "vite";

const BUILTINS = new Set(builtinModules);
/** Node globals that browsers lack, used as `Buffer.from(…)`, `process.env`, `global.x`. */
const NODE_GLOBALS = new Set(["Buffer", "process", "global"]);

/** `node:fs`, `fs`, `fs/promises`, `path`: what Node resolves to one of its own modules. */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  return BUILTINS.has(specifier) || BUILTINS.has(specifier.split("/")[0] ?? specifier);
}

interface AstNode {
  type: string;
  start: number;
  [key: string]: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === "object" && value !== null && typeof (value as AstNode).type === "string";
}

function walk(node: AstNode, visit: (node: AstNode) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) if (isNode(item)) walk(item, visit);
    if (isNode(value)) walk(value, visit);
  }
}

/**
 * Node globals a module uses without first checking that they exist (`typeof Buffer`): such a
 * module throws a ReferenceError in a browser when the code runs. Returns the name and offset of each.
 */
export function unguardedNodeGlobals(code: string): { name: string; offset: number }[] {
  const program = parseAst(code) as unknown as AstNode;
  const uses: { name: string; offset: number }[] = [];
  // Checked (`typeof Buffer`) or declared in the module (a local `global`): not the Node global.
  const guarded = new Set<string>();
  const declare = (target: unknown): void => {
    if (isNode(target) && target.type === "Identifier") guarded.add(target["name"] as string);
  };
  walk(program, (node) => {
    if (node.type === "VariableDeclarator" || node.type === "FunctionDeclaration" || node.type === "ClassDeclaration") declare(node["id"]);
    if (node.type === "ImportSpecifier" || node.type === "ImportDefaultSpecifier" || node.type === "ImportNamespaceSpecifier") declare(node["local"]);
    if (Array.isArray(node["params"])) for (const param of node["params"]) declare(param);
    if (node.type === "UnaryExpression" && node["operator"] === "typeof" && isNode(node["argument"]) && node["argument"].type === "Identifier") {
      guarded.add(node["argument"]["name"] as string);
    }
    const object = node["object"];
    if (node.type === "MemberExpression" && isNode(object) && object.type === "Identifier" && NODE_GLOBALS.has(object["name"] as string)) {
      uses.push({ name: object["name"] as string, offset: object.start });
    }
  });
  return uses.filter((use) => !guarded.has(use.name));
}

/**
 * Fails the build when a module of the bundle imports a Node built-in or uses a Node global
 * unguarded. The playground proves that core runs unchanged in a browser; Vite would otherwise
 * swap such an import for an empty stub with a warning, and the page would break only when
 * that code path runs.
 */
export function noNodeBuiltins(): Plugin {
  return {
    name: "docklint:no-node-builtins",
    enforce: "pre",
    apply: "build",
    resolveId(source, importer) {
      if (!isNodeBuiltin(source)) return null;
      this.error(
        `the Node built-in "${source}" is imported by ${importer ?? "an entry module"}; browsers have no Node modules, so the playground bundle must not contain it: replace it with a browser-safe helper in core (as packages/core/src/util/posix-path.ts replaces node:path)`,
      );
    },
    transform(code, id) {
      // Files of dependencies and core's compiled output (not the bundler's virtual modules); the
      // playground's own TypeScript is checked by tsc.
      const path = id.split("?")[0] ?? id;
      if (!isAbsolute(path) || !/\.[cm]?js$/.test(path)) return null;
      const [use] = unguardedNodeGlobals(code);
      if (use) {
        this.error(`${id} uses the Node global \`${use.name}\` (offset ${use.offset}) without checking that it exists; browsers have no \`${use.name}\`, so it would throw when that code runs: use a web API instead (TextEncoder, globalThis)`);
      }
      return null;
    },
  };
}
