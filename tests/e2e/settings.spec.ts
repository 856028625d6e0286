import { expect, test } from "@playwright/test";
import { createCompany, signInAs } from "./support";
import { expectAccessible } from "./axe";

test("an admin's bad setting is refused with the reason and nothing is saved; a good one is", async ({ page }) => {
  // a company of the test's own, so no other test ever sees it renamed
  const company = await createCompany(page);
  await page.goto("/settings/company");
  await page.getByLabel("Capacity threshold (%)").fill("150");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The capacity threshold is between 10 and 100.")).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel("Capacity threshold (%)")).toHaveValue("85");
  await expectAccessible(page);

  await page.getByLabel("Company name").fill(`${company.name} Co`);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Settings saved.");
  await expect(page.getByTestId("company-name")).toHaveText(`${company.name} Co`);
  await page.reload();
  await expect(page.getByLabel("Company name")).toHaveValue(`${company.name} Co`);
});

test("a dispatcher sees the settings but cannot change them", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/settings/company");
  await expect(page.getByText("Only administrators change these settings.")).toBeVisible();
  await expect(page.getByLabel("Company name")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  await expectAccessible(page);
});
