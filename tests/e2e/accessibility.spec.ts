import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { signIn, signInAs } from "./support";

// Every main page, as the people who use it see it, checked with axe-core (WCAG 2.1 A/AA).
// These tests only read: the demo companies are not changed.

test("the sign-in and request pages are accessible", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/forgot-password");
  await expectAccessible(page);
  await page.goto("/request/polar-air");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectAccessible(page);
});

test("the dispatcher's board, week and queue are accessible", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
  await page.goto("/schedules/week");
  await expect(page.getByTestId("week-row").first()).toBeVisible();
  await expectAccessible(page);
});

for (const path of ["/audit", "/outbox", "/customers", "/jobs", "/technicians", "/jobs/new", "/urgent", "/imports", "/insights", "/oncall", "/time-off", "/schedules/route", "/settings/company", "/settings/members", "/settings/templates", "/settings/rules", "/settings/slots", "/settings/morning-export", "/settings/portal", "/settings/api-keys", "/settings/webhooks", "/account"]) {
  test(`${path} is accessible`, async ({ page }) => {
    await signInAs(page, path.startsWith("/settings/") ? "admin@polar-air.demo" : "dispatcher@polar-air.demo");
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await expectAccessible(page);
  });
}

test("the technician's day is accessible", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, "technician@polar-air.demo");
  await expect(page).toHaveURL(/\/tech/, { timeout: 30_000 });
  await expect(page.getByTestId("today")).toBeVisible();
  await expectAccessible(page);
});
