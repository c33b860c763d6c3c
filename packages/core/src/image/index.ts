export type { ImageReference } from "./reference.js";
export { familiarName, isDockerHub, isScratch, parseImageReference, registryMatches } from "./reference.js";
