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
  { group: ["@/lib/clock"], message: "lib/engine takes `now` as an argument; it never reads the clock." },
];

// lib/time is the one door for calendar and time-zone maths; it is pure like the engine
// (the engine imports it), so it may not read the clock either.
const TIME_FORBIDDEN = ENGINE_FORBIDDEN.map((p) => ({ ...p, message: p.message.replace("lib/engine", "lib/time") }));

// Reading the clock: `new Date()` without an argument, or `Date.now()`.
const CLOCK_READS = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Pure code takes `now` as an argument instead of reading the clock." },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Pure code takes `now` as an argument instead of reading the clock." },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["lib/engine/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: ENGINE_FORBIDDEN }],
      "no-restricted-syntax": ["error", ...CLOCK_READS],
    },
  },
  {
    files: ["lib/time/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: TIME_FORBIDDEN }],
      "no-restricted-syntax": ["error", ...CLOCK_READS],
    },
  },
  {
    rules: {
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  globalIgnores([".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".scratch/**", "dist/**"]),
]);
