import { expect, type Page } from "@playwright/test";
import { BAYSIDE, DEMO_PASSWORD, POLAR_AIR, generateDemoCompany } from "../../lib/demo/demo-data";

/** The demo companies as the server generated them (names do not depend on the date). */
export const polar = generateDemoCompany(POLAR_AIR, "2026-11-23", new Date("2026-11-23T00:00:00Z"));
export const bayside = generateDemoCompany(BAYSIDE, "2026-11-23", new Date("2026-11-23T00:00:00Z"));

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/schedules/);
}
