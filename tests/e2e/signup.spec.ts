import { expect, test } from "@playwright/test";
import { createCompany, signIn } from "./support";
import { expectAccessible } from "./axe";

// signing up hashes a password (scrypt, N = 2^17): slow on a busy machine
test.describe.configure({ timeout: 240_000 });

test("a new company signs up, lands on its own empty board, and its admin can sign in again", async ({ page }) => {
  const company = await createCompany(page, { timeZone: "Europe/Oslo" });
  await expect(page.getByTestId("user-role")).toHaveText("Admin");
  await expect(page.getByTestId("user-name")).toHaveText(company.adminName);
  await expect(page.getByTestId("lane")).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/settings/company");
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Oslo");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, company.email, company.password);
  await expect(page).toHaveURL(/\/schedules/);
  await expect(page.getByTestId("company-name")).toHaveText(company.name);
});

test("two signed-up companies never see each other", async ({ page }) => {
  const a = await createCompany(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  const b = await createCompany(page);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(a.name);
  await expectAccessible(page);
  await expect(page.getByTestId("company-name")).toHaveText(b.name);
});

test("the sign-up form explains what is missing and keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Company name").fill("Half Filled Heating");
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create company" }).click();
  await expect(page.locator("form").getByRole("alert").first()).toHaveText("Some fields need attention.");
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Company name")).toHaveValue("Half Filled Heating");
  await expectAccessible(page);
});

test("the sign-in page offers sign-up in open mode", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("link", { name: "Create your company" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create your company" }).click();
  await expect(page.getByRole("heading", { name: "Create your company" })).toBeVisible();
  await expectAccessible(page);
});
