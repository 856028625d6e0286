import { expect, test } from "@playwright/test";
import { TODAY, pickCustomer, polar, signInAs } from "./support";

test("an urgent job from intake to an approved reshuffle: options, approval, board, outbox and bump list", async ({ page }) => {
  const customer = polar.customers[3];
  const workOrder = `URG-${Date.now().toString(36).toUpperCase()}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/urgent");
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("What is wrong").fill("Walk-in freezer down, product at risk");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel("Duration (minutes)").fill("90");
  await page.getByLabel(/Must be seen by/).fill(`${TODAY}T11:00`);
  await pickCustomer(page, customer.name);
  await page.getByRole("button", { name: "Find options" }).click();

  await expect(page).toHaveURL(/\/urgent\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("urgent-status")).toHaveText("Waiting for approval");
  const options = page.getByTestId("bump-option");
  expect(await options.count()).toBeGreaterThanOrEqual(2);
  const second = options.nth(1);
  await expect(second.getByTestId("bumped-job").first()).toBeVisible();
  const bumpedWorkOrder = (await second.getByTestId("bumped-job").first().locator("td").first().innerText()).replace("SLA", "").trim();
  // nothing has moved yet: the bumped job still sits where it was
  await second.getByRole("button", { name: "Approve option 2" }).click();
  await second.getByRole("button", { name: "Confirm approval" }).click();
  await expect(page.getByRole("status")).toContainText("Approved.");
  await expect(page.getByTestId("urgent-status")).toContainText("Approved by");

  // the same work order again shows the existing request, not a second reshuffle
  await page.goto("/urgent");
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("What is wrong").fill("Same call again");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel(/Must be seen by/).fill(`${TODAY}T11:00`);
  await pickCustomer(page, customer.name);
  await page.getByRole("button", { name: "Find options" }).click();
  await expect(page.getByText(`Work order ${workOrder} was already entered`)).toBeVisible();
  const requestUrl = page.url().replace(/\?.*$/, "");

  // the board shows the urgent job
  await page.goto(`/schedules?date=${TODAY}`);
  await expect(page.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`).first()).toBeAttached();

  // the bumped customer's notice waits in the outbox
  await page.goto("/outbox");
  await expect(page.locator("main")).toContainText(bumpedWorkOrder);
  await expect(page.locator("main")).toContainText("Reschedule");

  // the bump list as CSV
  const id = requestUrl.split("/").pop()!;
  const csv = await page.request.get(`/api/exports/bump-list?request=${id}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = (await csv.text()).replace(/^\uFEFF/, "");
  const [header, ...rows] = text.trim().split(/\r\n/);
  expect(header).toBe("work_order,customer,old_window,new_window,technician_before,technician_after,added_travel_min,reason");
  expect(rows.some((r) => r.startsWith(bumpedWorkOrder + ","))).toBe(true);
});
