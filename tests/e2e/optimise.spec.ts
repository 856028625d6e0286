import { expect, test, type Page } from "@playwright/test";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { expectAccessible } from "./axe";
import { TODAY, customerByIndex, pickCustomer, polar, signInAs } from "./support";

/** A weekday five weeks after the server's today: a day no other spec books. */
const DAY = (() => {
  let d = addDays(TODAY, 35);
  while (weekdayOf(d) > 5) d = addDays(d, 1);
  return d;
})();

/** Creates a job that waits in the queue with an arrival window on DAY; returns its work order. */
async function queuedJob(page: Page, customer: number, description: string): Promise<string> {
  await page.goto("/jobs/new");
  await pickCustomer(page, customerByIndex(polar, customer));
  await page.getByLabel("Description").fill(description);
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel("Estimated minutes").fill("60");
  await page.getByLabel("Priority").selectOption("3");
  await page.getByLabel(/^Arrival window from/).fill(`${DAY}T09:00`);
  await page.getByLabel("Arrival window to").fill(`${DAY}T15:00`);
  await page.getByLabel("Find room on").fill(DAY);
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  const result = page.getByTestId("dispatch-result");
  await expect(result).toBeVisible();
  const workOrder = (await result.locator("div").first().innerText()).trim();
  expect(workOrder).toMatch(/^WO-\d+$/);
  return workOrder;
}

test("a dispatcher optimises a day, reads the preview, approves it, and undoes it as one change", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signInAs(page, "dispatcher@polar-air.demo");
  const first = await queuedJob(page, 7, "Optimise: filter change");
  const second = await queuedJob(page, 8, "Optimise: thermostat check");

  await page.goto(`/schedules?date=${DAY}`);
  const queue = page.getByTestId("queue");
  await expect(queue.getByTestId("queue-item").filter({ hasText: first })).toHaveCount(1);

  await page.getByRole("button", { name: "Optimise day" }).click();
  const panel = page.getByTestId("optimise-panel");
  await expect(panel).toBeVisible();
  // two technicians only
  await panel.getByRole("button", { name: "None" }).click();
  await expect(panel.getByRole("button", { name: "Optimise", exact: true })).toBeDisabled();
  const [ana, ben] = [polar.technicians[2].name, polar.technicians[3].name];
  await panel.getByLabel(ana).check();
  await panel.getByLabel(ben).check();
  await panel.getByLabel("Think for").selectOption("2");
  await panel.getByRole("button", { name: "Optimise", exact: true }).click();

  const preview = panel.getByTestId("optimise-preview");
  await expect(preview).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId("optimise-summary")).toHaveText(/^Driving \d+ min → \d+ min \([−+]\d+ min\); \d+ jobs? moves?, \d+ placed from the queue/);
  const placed = panel.getByTestId("optimise-placed");
  await expect(placed).toContainText(first);
  await expect(placed).toContainText(second);
  const firstPlaced = placed.locator("li").filter({ hasText: new RegExp(`^${first} `) });
  await expect(firstPlaced).toContainText(new RegExp(`^${first} → (${ana}|${ben}) \\d\\d:\\d\\d–\\d\\d:\\d\\d`));
  await expect(firstPlaced).toContainText("job from the queue");
  const travel = panel.getByTestId("optimise-travel");
  await expect(travel.locator("tbody tr")).toHaveCount(3);
  await expect(travel.locator("tbody tr").last()).toContainText("Total");
  // the routes on a map, drawn with no tile server reachable: numbered stops and the legs between them
  const previewMap = panel.getByTestId("route-map");
  await expect(previewMap.locator(".crewboard-route-stop").first()).toBeVisible();
  await expect(previewMap.locator(".leaflet-overlay-pane path").first()).toBeAttached();
  // the proposal on the board itself: each placed job as a ghost block on its new lane, at its new time
  const lanes = page.getByRole("region", { name: "Technician timelines" });
  for (const workOrder of [first, second]) {
    const ghost = lanes.getByTestId("optimise-ghost").filter({ hasText: workOrder });
    await expect(ghost).toHaveCount(1);
    await expect(ghost).toHaveAttribute("data-kind", "after");
    await expect(ghost).toContainText("from the queue");
    const item = (await placed.locator("li").filter({ hasText: new RegExp(`^${workOrder} `) }).innerText()).match(/→ (.+?) (\d\d:\d\d)–/)!;
    const lane = lanes.getByTestId("lane").filter({ has: page.getByTestId("optimise-ghost").filter({ hasText: workOrder }) });
    await expect(lane).toHaveAttribute("data-technician", item[1]);
    await expect(ghost).toHaveAttribute("data-start", item[2]);
    await expect(ghost).toBeInViewport();
  }
  // beside the lanes, not over them
  const panelBox = (await panel.boundingBox())!;
  const lanesBox = (await lanes.boundingBox())!;
  expect(lanesBox.x + lanesBox.width).toBeLessThanOrEqual(panelBox.x + 1);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("optimise-preview.png") });

  await panel.getByRole("button", { name: "Approve and apply" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Optimised: Driving");
  await expect(panel).toHaveCount(0);
  // applied: the ghosts are gone, the real blocks are there
  await expect(lanes.getByTestId("optimise-ghost")).toHaveCount(0);
  await expect(lanes.getByTestId("job-block").filter({ hasText: first })).toHaveCount(1);
  await expect(lanes.getByTestId("job-block").filter({ hasText: second })).toHaveCount(1);
  await expect(queue.getByTestId("queue-item").filter({ hasText: first })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("optimise-applied.png") });

  // the daily route plan of whoever got the first job: stops in order, times, drives, a map
  await page.getByRole("link", { name: "Route plans" }).click();
  await expect(page).toHaveURL(new RegExp(`/schedules/route\\?date=${DAY}$`));
  const sheet = page.getByTestId("route-plan").filter({ hasText: first });
  await expect(sheet).toHaveCount(1);
  await expect(sheet.getByTestId("route-stop").filter({ hasText: first })).toContainText(/^\d+\d\d:\d\d\d\d:\d\d/);
  await expect(sheet.getByTestId("route-summary")).toHaveText(/^\d+ stops? · leave home \d\d:\d\d · driving \d+ min · home about \d\d:\d\d$/);
  const stopCount = await sheet.getByTestId("route-stop").count();
  await expect(sheet.getByTestId("route-map").locator(".crewboard-route-stop")).toHaveCount(stopCount);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath("route-plan.png"), fullPage: true });
  await page.getByRole("link", { name: "Back to the board" }).click();
  await expect(lanes.getByTestId("job-block").filter({ hasText: first })).toHaveCount(1);

  // the whole optimisation is one entry of the recent changes, and one undo
  await page.getByRole("button", { name: "Recent changes" }).click();
  await expect(page.getByTestId("recent-changes")).toContainText(`optimised ${DAY}`);
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "↶ Undo" }).click();
  await expect(page.getByTestId("toasts")).toContainText("Undone:");
  await expect(queue.getByTestId("queue-item").filter({ hasText: first })).toHaveCount(1);
  await expect(queue.getByTestId("queue-item").filter({ hasText: second })).toHaveCount(1);
  await expect(lanes.getByTestId("job-block").filter({ hasText: first })).toHaveCount(0);
});
