import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";
import { ANON_KEY, FakeSupabaseAuth, JWT_SECRET } from "../supabase-auth-server";

// Supabase mode end to end: a Crewboard server of its own, started with SUPABASE_URL,
// SUPABASE_ANON_KEY and SUPABASE_JWT_SECRET pointing at a local server that answers the
// Supabase Auth endpoints (GoTrue) and signs access tokens as Supabase does. The app's
// own server-side code (@supabase/ssr → @supabase/supabase-js) makes the HTTP calls.

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
const AUTH_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial", timeout: 240_000 });
test.use({ baseURL: BASE });

const auth = new FakeSupabaseAuth();
let server: ChildProcess | undefined;
let output = "";

async function serving(url: string, deadline: number): Promise<void> {
  for (;;) {
    if (server?.exitCode != null) throw new Error(`the Supabase-mode server stopped (exit ${server.exitCode}):\n${output.slice(-3000)}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the Supabase-mode server did not answer on ${url}:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  await auth.start(AUTH_PORT);
  // the same start script as the main browser-test server (fresh embedded database of
  // its own, migrated; the build the main server made), with Supabase Auth switched on
  server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: {
      ...process.env,
      PORT: String(PORT),
      SUPABASE_URL: auth.url,
      SUPABASE_ANON_KEY: ANON_KEY,
      SUPABASE_JWT_SECRET: JWT_SECRET,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => void (output += d.toString()));
  server.stderr?.on("data", (d: Buffer) => void (output += d.toString()));
  await serving(`${BASE}/login`, Date.now() + 540_000);
});

test.afterAll(async () => {
  if (server && server.exitCode == null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await auth.close();
});

test.beforeEach(() => {
  auth.signing = "HS256";
  auth.fault = "none";
  auth.calls.length = 0;
});

async function signInThroughPage(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const person = { company: `Supabase Heating ${randomBytes(3).toString("hex")}`, name: "Sunny Admin", email: `sunny-${randomBytes(3).toString("hex")}@example.test`, password: "supabase-pass-1234" };

test("a person creates a company with a Supabase account, signs out, and signs in again through the sign-in page to their board", async ({ page }) => {
  await page.goto("/signup");
  await expectAccessible(page);
  await page.getByLabel("Company name").fill(person.company);
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  await page.getByLabel("Your name").fill(person.name);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page).toHaveURL(/\/schedules/, { timeout: 60_000 });
  await expect(page.getByTestId("company-name")).toHaveText(person.company);
  await expect(page.getByTestId("user-name")).toHaveText(person.name);
  await expectAccessible(page);

  // Supabase holds the account: Crewboard asked it (with the anon key) and kept no password
  const account = auth.users.get(person.email);
  expect(account?.password).toBe(person.password);
  expect(auth.calls.map((c) => `${c.method} ${c.path.split("?")[0]}`)).toContain("POST /auth/v1/signup");
  expect(auth.calls.every((c) => c.path.includes("jwks") || c.apikey === ANON_KEY)).toBe(true);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
  await page.goto("/schedules");
  await expect(page).toHaveURL(/\/login/);

  // this time the project signs with its published key (ES256, verified through the JWKS)
  auth.signing = "ES256";
  auth.calls.length = 0;
  await signInThroughPage(page, person.email, person.password);
  await expect(page).toHaveURL(/\/schedules/, { timeout: 60_000 });
  await expect(page.getByTestId("company-name")).toHaveText(person.company);
  await expect(page.getByTestId("user-role")).toHaveText("Admin");
  const paths = auth.calls.map((c) => `${c.method} ${c.path}`);
  expect(paths).toContain("POST /auth/v1/token?grant_type=password");
  expect(paths).toContain("GET /auth/v1/.well-known/jwks.json");
  expect(auth.calls.find((c) => c.path.startsWith("/auth/v1/token"))?.body).toMatchObject({ email: person.email, password: person.password });
});

test("a wrong password, an altered token and an expired token are each refused in words, and the board stays closed", async ({ page }) => {
  await signInThroughPage(page, person.email, "not-the-password");
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toHaveText("Email or password is incorrect.");
  await expect(page.getByLabel("Email")).toHaveValue(person.email);
  await expectAccessible(page);

  // Supabase answers the right password, but the token's payload was rewritten after signing
  auth.fault = "tampered";
  await signInThroughPage(page, person.email, person.password);
  await expect(alert).toContainText("signature does not match");
  await expect(page).toHaveURL(/\/login/);

  for (const alg of ["HS256", "ES256"] as const) {
    auth.signing = alg;
    auth.fault = "expired";
    await signInThroughPage(page, person.email, person.password);
    await expect(alert).toHaveText("Sign-in was refused: The access token has expired.");
    await expect(page).toHaveURL(/\/login/);
  }
  await page.goto("/schedules");
  await expect(page).toHaveURL(/\/login/);

  // a good token again: in (the refusals above did not lock the person out)
  auth.signing = "HS256";
  auth.fault = "none";
  await signInThroughPage(page, person.email, person.password);
  await expect(page).toHaveURL(/\/schedules/, { timeout: 60_000 });
  await expect(page.getByTestId("company-name")).toHaveText(person.company);
});
