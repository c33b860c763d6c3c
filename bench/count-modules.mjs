// Counts the modules a Node process loads, for `node --import ./bench/count-modules.mjs <script>`.
//
// ESM modules are seen through a loader hook (count-modules-hooks.mjs); CommonJS
// modules required from CommonJS do not go through those hooks on Node 20, so
// they are read from the CommonJS cache at exit. Node built-ins (node:fs...) are
// counted apart: those imported from ESM through the hook, those required from
// CommonJS through a wrapper around Module.prototype.require. At exit, the list is written as JSON to $COUNT_MODULES_OUT
// (or to stderr when unset).
import Module, { createRequire, isBuiltin, register } from "node:module";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";

const { port1, port2 } = new MessageChannel();
port1.unref();
register("./count-modules-hooks.mjs", import.meta.url, { data: { port: port2 }, transferList: [port2] });
const cjsCache = createRequire(import.meta.url).cache;
const builtins = new Set();
const originalRequire = Module.prototype.require;
Module.prototype.require = function require(id) {
  if (isBuiltin(id)) builtins.add(id.startsWith("node:") ? id : `node:${id}`);
  return Reflect.apply(originalRequire, this, arguments);
};

process.on("exit", () => {
  const files = new Set();
  for (let message; (message = receiveMessageOnPort(port1)); ) {
    const url = message.message;
    if (url.startsWith("node:")) builtins.add(url);
    else if (url.startsWith("file:")) files.add(fileURLToPath(url));
    else files.add(url);
  }
  for (const file of Object.keys(cjsCache)) files.add(file);
  const report = JSON.stringify({ files: [...files].sort(), builtins: [...builtins].sort() });
  if (process.env.COUNT_MODULES_OUT) writeFileSync(process.env.COUNT_MODULES_OUT, report);
  else process.stderr.write(report + "\n");
});
