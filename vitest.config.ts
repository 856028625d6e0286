import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts"],
          env: { TZ: "UTC" },
          // some tests load large tables (postal codes) or start local servers: room for a busy machine
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          include: ["supabase/tests/**/*.test.ts", "tests/integration/**/*.test.ts"],
          globalSetup: ["supabase/tests/global-setup.ts"],
          env: { TZ: "UTC" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
