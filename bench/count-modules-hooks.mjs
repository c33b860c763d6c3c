// Module customization hooks (run in Node's loader thread): report every module
// URL that the ESM loader loads to the main thread. See count-modules.mjs.
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  port.postMessage(url);
  return nextLoad(url, context);
}
