import { expect, test, type Page } from "@playwright/test";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { TODAY, customerByIndex, pickCustomer, polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

// Lights-out dispatch on the board. Each test creates its own jobs through the
// New job page and works on its own weekday, well after the days dispatch.spec
// and board.spec use, so they never meet each other's visits.
const weekdays: string[] = [];
for (let d = addDays(TODAY, 1); weekdays.length < 14; d = addDays(d, 1)) if (weekdayOf(d) <= 5) weekdays.push(d);
const [SUGGEST_DAY, REVIEW_DAY, AUTO_DAY] = weekdays.slice(11);

test.use({ viewport: { width: 1440, height: 900 } });

interface NewJob {
  description: string;
  skills: string;
  /** The day automatic dispatch looks for room on; omitted = keep the job for a dispatcher. */
  dispatchOn?: string;
  customerIndex: number;
  /** Long enough that the block on the board shows its badges. */
  minutes?: number;
}

/** Creates a job on /jobs/new as the signed-in dispatcher; returns its work order and what dispatch said. */
async function createJob(page: Page, job: NewJob): Promise<{ workOrder: string; state: string }> {
  await page.goto("/jobs/new");
  await pickCustomer(page, customerByIndex(polar, job.customerIndex));
  await page.getByLabel("Description").fill(job.description);
  await page.getByLabel("Required skills").fill(job.skills);
  if (job.minutes) await page.getByLabel("Estimated minutes").fill(String(job.minutes));
  // low priority, so the other specs' "first queued job" is never one of these
  await page.getByLabel("Priority").selectOption("4");
  if (job.dispatchOn) await page.getByLabel("Find room on").fill(job.dispatchOn);
  else await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  const result = page.getByTestId("dispatch-result");
  await expect(result).toBeVisible();
  const workOrder = (await result.locator("div").first().innerText()).trim();
  await expectAccessible(page);
  return { workOrder, state: await page.getByTestId("dispatch-state").innerText() };
}

async function openDay(page: Page, date: string): Promise<void> {
  await page.goto(`/schedules?date=${date}`);
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
}

const block = (page: Page, workOrder: string, technicianId?: string) =>
  page.locator(`[data-testid=lane]${technicianId ? `[data-technician-id="${technicianId}"]` : ""} [data-testid=job-block][data-work-order="${workOrder}"]`);

test("a queued job shows its best slots with reasons, and one click on the first assigns it there", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  const { workOrder, state } = await createJob(page, { description: "Board suggestion: rooftop unit check", skills: "HVAC", customerIndex: 3 });
  expect(state).toBe("Waiting in the unscheduled queue");

  await openDay(page, SUGGEST_DAY);
  await page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`).click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByTestId("suggestions")).toHaveAttribute("data-status", "ready");

  // one to three slots on the timeline, ranked, and as many breakdowns in the panel
  const slots = page.getByTestId("suggestion");
  const count = await slots.count();
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThanOrEqual(3);
  await expect(panel.getByTestId("suggestion-option")).toHaveCount(count);
  for (let rank = 1; rank <= count; rank++) await expect(page.locator(`[data-testid=suggestion][data-rank="${rank}"]`)).toHaveCount(1);
  const firstOption = panel.getByTestId("suggestion-option").first();
  await expect(firstOption.getByTestId("reasons")).toContainText("holds HVAC");
  await expect(firstOption.getByTestId("reasons")).toContainText("utilisation");

  const first = page.locator("[data-testid=suggestion][data-rank='1']");
  const technicianId = (await first.getAttribute("data-technician-id"))!;
  const start = (await first.getAttribute("data-start"))!;
  const end = (await first.getAttribute("data-end"))!;
  await expect(firstOption).toHaveAttribute("data-technician-id", technicianId);
  await expect(firstOption).toHaveAttribute("data-start", start);
  await expectAccessible(page);

  await first.click();
  const placed = block(page, workOrder, technicianId);
  await expect(placed).toHaveAttribute("data-start", start);
  await expect(placed).toHaveAttribute("data-end", end);
  await expect(page.locator("[data-testid=toast-success], [data-testid=toast-info]").last()).toContainText(workOrder);
  // the job left the queue, and its suggestions went with it
  await expect(page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`)).toHaveCount(0);
  await expect(page.getByTestId("suggestion")).toHaveCount(0);

  await page.reload();
  await expect(block(page, workOrder, technicianId)).toHaveAttribute("data-start", start);
  await expect(block(page, workOrder, technicianId)).toHaveAttribute("data-end", end);
  await expectAccessible(page);
});

test("a job automatic dispatch could not place is listed under Needs review with its reason", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  const { workOrder, state } = await createJob(page, { description: "Board review: crane lift", skills: "crane-operator", dispatchOn: REVIEW_DAY, customerIndex: 4 });
  expect(state).toBe("Sent to the manual review queue");

  await openDay(page, REVIEW_DAY);
  const section = page.getByTestId("board-review");
  await expect(section).toContainText("Needs review");
  const item = section.locator(`[data-testid=board-review-item][data-work-order="${workOrder}"]`);
  await expect(item.getByTestId("board-review-reason")).toContainText("no qualified technician with room today");

  // selecting it asks for suggestions like any queued job; nobody holds the skill
  await item.click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByTestId("dispatch-note-state")).toHaveText("Needs review");
  await expect(panel.getByTestId("suggestions-empty")).toHaveText("No technician has room for it on this day: no technician holds crane-operator.");
  await expect(page.getByTestId("suggestion")).toHaveCount(0);
  await expectAccessible(page);
});

test("an automatically assigned job shows why on the board and can be accepted", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  const { workOrder, state } = await createJob(page, { description: "Board auto: furnace short cycling", skills: "HVAC", dispatchOn: AUTO_DAY, customerIndex: 5, minutes: 150 });
  expect(state).toBe("Assigned automatically");

  await openDay(page, AUTO_DAY);
  const b = block(page, workOrder);
  await expect(b.getByTestId("auto-marker")).toHaveText("AUTO");
  await b.click();
  const panel = page.getByTestId("details-panel");
  await expect(panel.getByTestId("dispatch-note-state")).toHaveText("Assigned automatically");
  await expect(panel.getByTestId("dispatch-note-reason")).toContainText("best of");
  await expect(panel.getByTestId("dispatch-note-reason")).toContainText("utilisation");

  await panel.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(panel.getByTestId("dispatch-note-state")).toHaveText("Automatic assignment accepted");
  await expect(panel.getByTestId("dispatch-note-reason")).toContainText("accepted by");
  await expect(panel.getByRole("button", { name: "Accept", exact: true })).toHaveCount(0);
  await expect(b.getByTestId("auto-marker")).toHaveText("AUTO ✓");
  await expectAccessible(page);

  await page.reload();
  await expect(block(page, workOrder).getByTestId("auto-marker")).toHaveText("AUTO ✓");
  await block(page, workOrder).click();
  await expect(page.getByTestId("details-panel").getByTestId("dispatch-note-state")).toHaveText("Automatic assignment accepted");
});
