import js from "@eslint/js";
import docklint from "eslint-plugin-docklint";

export default [
  // @eslint/js must be scoped to JavaScript: its no-irregular-whitespace crashes on other languages.
  { files: ["**/*.{js,mjs,cjs}"], ...js.configs.recommended },
  // Two config objects: Dockerfiles (docklint/dockerfile) and Compose files (docklint/compose),
  // each with its own `files`, so they never touch JavaScript or other YAML.
  ...docklint.configs.recommended,
  {
    // Rules and options on top of the preset, for Dockerfiles only.
    files: ["**/Dockerfile"],
    rules: {
      "docklint/require-pinned-image": ["error", { requireDigest: false }],
    },
  },
];
