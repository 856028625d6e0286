import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * The browser tests plan a working morning whatever the real hour: the server's
 * planning clock starts at 07:00 in Chicago (the demo company's zone) on the next
 * Monday–Friday from today. Tests read the same value from the environment.
 */
function e2eClock(): string {
  const dateIn = (t: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(t);
  let day = Date.now();
  for (;;) {
    const weekday = new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", weekday: "short" }).format(day);
    if (!["Sat", "Sun"].includes(weekday)) break;
    day += 24 * 3_600_000;
  }
  const date = dateIn(day);
  for (const offset of ["-06:00", "-05:00"]) {
    const t = Date.parse(`${date}T07:00:00${offset}`);
    const hour = new Intl.DateTimeFormat("en-US", { timeZone: "America/Chicago", hour: "numeric", hourCycle: "h23" }).format(t);
    if (hour === "7") return new Date(t).toISOString();
  }
  return new Date(Date.parse(`${date}T13:00:00Z`)).toISOString();
}
process.env.CREWBOARD_CLOCK ??= e2eClock();

// Debian's Chromium, never a downloaded browser; flags keep it quiet on a closed network.
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // one server on one embedded database: tests run one after another
  workers: 1,
  retries: 0,
  // generous: a busy machine builds and signs in slowly; tests wait for signals, never for time
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${PORT}/login`,
    // the server builds the app first: minutes on a busy two-core machine
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), CREWBOARD_CLOCK: process.env.CREWBOARD_CLOCK },
  },
});
