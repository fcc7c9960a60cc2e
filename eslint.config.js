import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // .github/action/ is the Action's generated bundle (npm run build:action).
  { ignores: ["dist/", "node_modules/", ".github/action/"] },
  {
    files: ["scripts/**/*.mjs"],
    languageOptions: { globals: { URL: "readonly", console: "readonly", process: "readonly" } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "TSEnumDeclaration", message: "Use a union of string literals." },
      ],
    },
  },
  {
    // The pure core reads no clock, environment or network.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: ["node:*", "probot", "@octokit/*", "@gitbeaker/*", "../adapters/*", "../app/*"],
        },
      ],
      "no-restricted-globals": ["error", "process", "fetch", "setTimeout", "setInterval"],
      "no-restricted-properties": ["error", { object: "Date", property: "now" }],
    },
  },
);
