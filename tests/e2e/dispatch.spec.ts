import { expect, test } from "@playwright/test";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { TODAY, customerByIndex, pickCustomer, polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

/** The next Monday–Friday after the server's today, when every demo technician works and the board is empty. */
function nextWeekday(): string {
  let d = addDays(TODAY, 1);
  while (weekdayOf(d) > 5) d = addDays(d, 1);
  return d;
}

test("a job created from a pre-assigned template lands on the template's technician with its reasons", async ({ page }) => {
  const template = polar.templates.find((t) => t.dispatchMode === "preassigned")!;
  const technician = polar.technicians.find((t) => t.id === template.leaderIds[0])!;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await page.getByLabel("Template").selectOption({ label: template.name });
  await pickCustomer(page, customerByIndex(polar, 1));
  await page.getByLabel("Find room on").fill(nextWeekday());
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Assigned to the template's crew");
  await expect(page.getByTestId("dispatch-reason")).toContainText(`pre-assigned on template ${template.name}: ${technician.name} at`);
  await expect(page.getByTestId("reasons").first()).toContainText("travel");
  await expectAccessible(page);
});

test("a job nobody can take appears in the review queue with the reason", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await pickCustomer(page, customerByIndex(polar, 2));
  await page.getByLabel("Description").fill("Crane lift of a rooftop unit");
  await page.getByLabel("Required skills").fill("crane-operator");
  await page.getByLabel("Find room on").fill(nextWeekday());
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Sent to the manual review queue");
  const wo = (await page.getByTestId("dispatch-result").locator("div").first().innerText()).trim();
  await page.getByRole("link", { name: "Review queue" }).first().click();
  const item = page.locator(`[data-testid=review-item][data-work-order="${wo}"]`);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("review-reason")).toContainText("no qualified technician with room today");
  await expectAccessible(page);
});

test("bad input gets a clear message per field and nothing is created", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await page.getByLabel("Estimated minutes").fill("2");
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText("Some fields need attention.");
  await expect(page.getByText("Choose a customer.")).toBeVisible();
  await expect(page.getByText("At least 5 minutes.")).toBeVisible();
  await expectAccessible(page);
});

test("an admin creates a template", async ({ page }) => {
  await signInAs(page, "admin@polar-air.demo");
  await page.goto("/settings/templates");
  await page.getByRole("button", { name: "New template" }).click();
  await page.getByLabel("Name").fill("Gas furnace tune-up");
  await page.getByLabel("Default minutes").fill("75");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByTestId("template-row").filter({ hasText: "Gas furnace tune-up" })).toContainText("1 h 15 min");
  await expectAccessible(page);
});

test("a viewer sees templates but cannot change them", async ({ page }) => {
  await signInAs(page, "viewer@polar-air.demo");
  await page.goto("/settings/templates");
  await expect(page.getByText("Only administrators change templates.")).toBeVisible();
  await expect(page.getByRole("button", { name: "New template" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit" })).toHaveCount(0);
  await expectAccessible(page);
});
