// docklint's CLI from dist/ module by module (what bin/docklint.js ran before the bundle), for
// the cold-start comparison with the bundle: same main(), same arguments.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const { main } = await import(pathToFileURL(join(repo, "packages/cli/dist/main.js")).href);
process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr });
