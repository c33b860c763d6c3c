/**
 * Compiled by `typecheck` (not run): the plugin and its configs must be assignable to both
 * majors' types, as a user's `eslint.config.ts` assigns them.
 */
import type { ESLint as ESLint10, Linter as Linter10 } from "eslint";
import { defineConfig as defineConfig10 } from "eslint/config";
import type { ESLint as ESLint9, Linter as Linter9 } from "eslint9";
import { defineConfig as defineConfig9 } from "eslint9/config";
import docklint from "../../src/index.js";

export const plugin10: ESLint10.Plugin = docklint;
export const plugin9: ESLint9.Plugin = docklint;
export const configs10: Linter10.Config[] = [...docklint.configs.recommended, { files: ["**/Dockerfile"], rules: { "docklint/no-sudo": "off" } }];
export const configs9: Linter9.Config[] = [...docklint.configs.strict, ...docklint.configs.all];
export const defined10 = defineConfig10(docklint.configs.recommended, { files: ["**/Dockerfile"], plugins: { docklint }, language: "docklint/dockerfile" });
export const defined9 = defineConfig9(docklint.configs.recommended, { files: ["**/Dockerfile"], plugins: { docklint }, language: "docklint/dockerfile" });
export const daemon10 = defineConfig10(docklint.configs.cis, { files: ["**/daemon.json"], plugins: { docklint }, language: "docklint/daemon", rules: { "docklint/require-userns-remap": "off" } });
export const daemon9 = defineConfig9(docklint.configs.cis, { files: ["**/daemon.json"], plugins: { docklint }, language: "docklint/daemon", rules: { "docklint/require-userns-remap": "off" } });
