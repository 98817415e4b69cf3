// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "bin/", "out/", "coverage/", "jest.config.js"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // The launcher is plain CommonJS: it runs before anything is compiled.
    files: ["scripts/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["addressing/**/*.ts", "topology/**/*.ts"],
    rules: {
      // addressing/ and topology/ are pure: plan and topology are computable without the Pulumi SDK.
      "no-restricted-imports": ["error", { patterns: ["@pulumi/*"] }],
    },
  },
);
