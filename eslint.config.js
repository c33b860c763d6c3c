import js from "@eslint/js";
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "coverage/**",
      "examples/**",
      "bench/results/**",
      "packages/core/.fuzz-*/**",
      // Ajv's generated validator (367 KB). Its `/* eslint-disable */` hid every report, but ESLint
      // still ran every rule over it: no-useless-assignment's analysis of its one huge function
      // took 166 s of the lint's 172 s (TIMING=1), more than a quarter of CI's time.
      "packages/core/src/compose/schema/compose-spec.validate.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  // The shipped code runs regexes over whole lines and values of files it did not write: none may
  // backtrack super-linearly (eslint-plugin-regexp's recommended set, and these two as errors).
  { ...regexp.configs["flat/recommended"], files: ["packages/*/src/**/*.{ts,js,mjs}"] },
  {
    files: ["packages/*/src/**/*.{ts,js,mjs}"],
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", performance: "readonly" },
    },
  },
  // The CLI's bin is CommonJS (packages/cli/bin/package.json): it starts sooner than an ES module.
  {
    files: ["packages/cli/bin/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
