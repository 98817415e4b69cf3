/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them (`npm run typecheck` does that), as ts-jest did with
  // isolatedModules; it reads .swcrc, the same settings `npm run plan` compiles with.
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  testTimeout: 60000,
};
