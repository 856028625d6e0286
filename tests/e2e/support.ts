import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { slugFromName } from "../../lib/schemas/signup";
import { BAYSIDE, DEMO_PASSWORD, POLAR_AIR, generateDemoCompany } from "../../lib/demo/demo-data";
import { wallClock } from "../../lib/time/zoned-time";

/** The server's planning clock (see playwright.config.ts): a weekday morning in Chicago. */
export const CLOCK = new Date(process.env.CREWBOARD_CLOCK ?? Date.now());
/** "Today" on the server, in the demo company's zone. */
export const TODAY = wallClock(CLOCK, "America/Chicago").date;

/** The demo companies as the server generated them. */
export const polar = generateDemoCompany(POLAR_AIR, TODAY, CLOCK);
export const bayside = generateDemoCompany(BAYSIDE, TODAY, CLOCK);

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  // signing in hashes the password (scrypt): give a cold or busy server time
  await expect(page).toHaveURL(/\/schedules/, { timeout: 30_000 });
}

/** The password every company created by {@link createCompany} gives its admin. */
export const TEST_PASSWORD = "crewboard-test-password";

export interface CreatedCompany {
  name: string;
  slug: string;
  timeZone: string;
  adminName: string;
  email: string;
  password: string;
}

/**
 * Signs up a brand-new company through the real "Create your company" page (the e2e
 * server runs with CREWBOARD_SIGNUP=open) and leaves `page` signed in as its admin on
 * the board. Names and addresses are unique per call, so a test owns everything in it.
 */
export async function createCompany(
  page: Page,
  options: { name?: string; timeZone?: string; adminName?: string; email?: string; password?: string } = {},
): Promise<CreatedCompany> {
  const token = randomBytes(4).toString("hex");
  const name = options.name ?? `Test Company ${token}`;
  const timeZone = options.timeZone ?? "America/Chicago";
  const adminName = options.adminName ?? `Admin ${token}`;
  const email = options.email ?? `admin-${token}@example.test`;
  const password = options.password ?? TEST_PASSWORD;
  await page.goto("/signup");
  await page.getByLabel("Company name").fill(name);
  await page.getByLabel("Time zone").selectOption(timeZone);
  await page.getByLabel("Your name").fill(adminName);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page).toHaveURL(/\/schedules/, { timeout: 20_000 });
  await expect(page.getByTestId("company-name")).toHaveText(name);
  return { name, slug: slugFromName(name), timeZone, adminName, email, password };
}

/** The customer picker of the New job and Urgent forms: search by name and take the exact match. */
export async function pickCustomer(page: Page, name: string): Promise<void> {
  await page.getByLabel("Customer — search by name, phone or address").fill(name);
  const hits = page.getByTestId("customer-hits");
  await hits.locator("li").filter({ has: page.getByText(name, { exact: true }) }).first().getByRole("button").click();
  await expect(page.getByTestId("picked-customer")).toContainText(name);
}

/** The demo company's n-th customer by name (1-based), as a drop-down of all customers listed them. */
export function customerByIndex(company: { customers: { name: string }[] }, index: number): string {
  const names = company.customers.map((c) => c.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names[index - 1];
}

/** What the imports page can read, by the name its "The file holds" list gives it. */
export type ImportKindLabel = "Technicians" | "Customers" | "Board (jobs and assignments)";

/**
 * As a signed-in admin or dispatcher: imports `lines` (a header and rows) through the
 * real imports page, previewing first, and waits for its "Imported." result. Tests use
 * it to give a company of their own technicians, customers and a day's visits at once.
 */
export async function importCsv(page: Page, kind: ImportKindLabel, lines: string[]): Promise<void> {
  await page.goto("/imports");
  await page.getByLabel("The file holds").selectOption({ label: kind });
  await page.getByLabel("CSV", { exact: true }).fill(lines.join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("import-count").first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-errors")).toHaveCount(0);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported.", { timeout: 30_000 });
}
