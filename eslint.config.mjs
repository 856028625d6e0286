import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// lib/engine is pure scheduling logic: plain data in, plain data out.
const ENGINE_FORBIDDEN = [
  { group: ["next", "next/*"], message: "lib/engine must not depend on Next.js." },
  { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "lib/engine must not depend on React." },
  { group: ["postgres", "pg", "@electric-sql/*", "@supabase/*"], message: "lib/engine must not talk to a database." },
  { group: ["@/lib/db/*", "@/lib/auth/*", "@/lib/notify/*", "@/lib/actions/*", "@/app/*", "@/components/*"], message: "lib/engine must not import app, database or I/O code." },
  { group: ["node:*", "fs", "fs/*", "path", "http", "https", "net", "child_process", "crypto"], message: "lib/engine does no I/O." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ENGINE_FORBIDDEN }],
    },
  },
  {
    rules: {
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".scratch/**"]),
]);
