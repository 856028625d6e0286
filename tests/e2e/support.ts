import { expect, type Page } from "@playwright/test";
import { BAYSIDE, DEMO_PASSWORD, POLAR_AIR, generateDemoCompany } from "../../lib/demo/demo-data";

/** The server's planning clock (see playwright.config.ts): a weekday morning in Chicago. */
export const CLOCK = new Date(process.env.CREWBOARD_CLOCK ?? Date.now());
/** "Today" on the server, in the demo company's zone. */
export const TODAY = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago" }).format(CLOCK);

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
