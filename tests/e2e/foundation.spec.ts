import { expect, test } from "@playwright/test";
import { bayside, polar, signIn, signInAs } from "./support";
import { expectAccessible } from "./axe";

test("a signed-out visit to /schedules lands on sign-in", async ({ page }) => {
  await page.goto("/schedules");
  await expect(page).toHaveURL(/\/login\?next=%2Fschedules/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectAccessible(page);
});

test("company A's dispatcher sees A's technicians and jobs on /schedules", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await expect(page.getByTestId("company-name")).toHaveText("Polar Air Mechanical");
  await expect(page.getByTestId("user-role")).toHaveText("Dispatcher");
  const lanes = page.getByTestId("lane");
  await expect(lanes).toHaveCount(polar.technicians.length);
  for (const tech of polar.technicians.slice(0, 3)) {
    await expect(page.locator(`[data-testid=lane][data-technician="${tech.name}"]`)).toBeVisible();
  }
  await expect(page.getByTestId("job-block").first()).toBeVisible();
  expect(await page.getByTestId("queue-item").count()).toBeGreaterThan(0);
  await expectAccessible(page);
});

test("company B sees none of company A's technicians or work orders", async ({ page }) => {
  await signInAs(page, "dispatcher@bayside.demo");
  await expect(page.getByTestId("company-name")).toHaveText("Bayside Plumbing & Electric");
  await expect(page.getByTestId("lane")).toHaveCount(bayside.technicians.length);
  const text = await page.locator("main").innerText();
  for (const tech of polar.technicians) {
    if (!bayside.technicians.some((t) => t.name === tech.name)) expect(text).not.toContain(tech.name);
  }
  for (const job of polar.jobs) expect(text).not.toContain(job.workOrder);
  await expectAccessible(page);
});

test("a wrong password shows an error that does not say which part was wrong", async ({ page }) => {
  await signIn(page, "dispatcher@polar-air.demo", "not-the-password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "nobody@polar-air.demo", "not-the-password");
  await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expectAccessible(page);
});

test("repeated failed sign-ins for one address are slowed down", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await signIn(page, "viewer@bayside.demo", `wrong-${i}`);
    await expect(page.locator("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
  }
  // even the right password must wait now
  await signIn(page, "viewer@bayside.demo");
  await expect(page.locator("main").getByRole("alert")).toContainText("Too many failed sign-ins for this address");
  await expectAccessible(page);
});

test("a viewer can read the board, and signing out ends the session", async ({ page }) => {
  await signInAs(page, "viewer@polar-air.demo");
  await expect(page.getByTestId("user-role")).toHaveText("Viewer");
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/schedules");
  await expect(page).toHaveURL(/\/login/);
});

test("sign-in returns to the page the person asked for", async ({ page }) => {
  await page.goto("/schedules?date=2026-11-24");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("Email").fill("admin@polar-air.demo");
  await page.getByLabel("Password").fill("crewboard-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/schedules\?date=2026-11-24/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tuesday, November 24, 2026");
  await expectAccessible(page);
});
