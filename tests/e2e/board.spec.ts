import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { POLAR_AIR } from "../../lib/demo/demo-data";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { wallClock, zonedToUtc } from "../../lib/time/zoned-time";
import { TODAY, customerByIndex, pickCustomer, polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

// The board is checked on weekdays after the server's today, so no visit is in the
// past and every technician works (the demo's shifts are Monday to Friday for
// everyone). Each test takes its own day, so the tests do not see each other's
// visits; the first weekday is left to the other specs.
const TZ = POLAR_AIR.timeZone;
const weekdays: string[] = [];
for (let d = addDays(TODAY, 1), skipped = false; weekdays.length < 8; d = addDays(d, 1)) {
  if (weekdayOf(d) > 5) continue;
  if (skipped) weekdays.push(d);
  skipped = true;
}

test.use({ viewport: { width: 1440, height: 900 } });
// axe-core reads the whole board (every lane and block) several times a test: slow on a busy machine
test.describe.configure({ timeout: 240_000 });

const lane = (page: Page, name: string) => page.locator(`[data-testid=lane][data-technician="${name}"]`);
const block = (scope: Page | Locator, workOrder: string) => scope.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`);
const saved = (page: Page) => page.locator("[data-testid=toast-success], [data-testid=toast-info]").last();

async function openDay(page: Page, date: string, email = "dispatcher@polar-air.demo"): Promise<void> {
  await signInAs(page, email);
  await page.goto(`/schedules?date=${date}`);
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
}

/** The x of a wall-clock hour on the time axis (its tick). */
async function xOfHour(page: Page, hour: number, minute = 0): Promise<number> {
  const tick = await page.locator(`[data-testid=hour-tick][data-hour="${hour}"]`).boundingBox();
  const next = await page.locator(`[data-testid=hour-tick][data-hour="${hour + 1}"]`).boundingBox();
  if (!tick || !next) throw new Error(`no tick for ${hour}:00`);
  return tick.x + ((next.x - tick.x) * minute) / 60;
}

/** The nth lane's technician name and the vertical middle of its timeline. */
async function laneAt(page: Page, index: number): Promise<{ name: string; y: number; lane: Locator }> {
  const l = page.getByTestId("lane").nth(index);
  const name = (await l.getAttribute("data-technician"))!;
  const box = (await l.getByTestId("lane-timeline").boundingBox())!;
  return { name, y: box.y + box.height / 2, lane: l };
}

/** A real pointer drag: dnd-kit's pointer sensor needs movement in steps. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 4, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 20 });
  await page.mouse.move(to.x, to.y, { steps: 2 });
  await page.mouse.up();
}

/** Drags the first (or the given) queue card onto a lane at a wall-clock time; returns its work order. */
async function dropFromQueue(page: Page, laneIndex: number, hour: number, minute = 0, card?: Locator): Promise<{ workOrder: string; tech: string }> {
  const item = card ?? page.getByTestId("queue-item").first();
  const workOrder = (await item.getAttribute("data-work-order"))!;
  const box = (await item.boundingBox())!;
  const { name, y } = await laneAt(page, laneIndex);
  await drag(page, { x: box.x + 40, y: box.y + box.height / 2 }, { x: (await xOfHour(page, hour, minute)) + 2, y });
  await expect(block(lane(page, name), workOrder)).toBeVisible();
  await expect(page.getByTestId("queue-item").and(page.locator(`[data-work-order="${workOrder}"]`))).toHaveCount(0);
  return { workOrder, tech: name };
}

/** Waits until a block's save has been answered (the optimistic block is no longer pending). */
async function settled(page: Page, workOrder: string): Promise<void> {
  await expect(saved(page)).toContainText(workOrder);
  await expect(block(page, workOrder).first()).not.toHaveClass(/cursor-progress/);
}

test("a queued job dragged onto a technician at 10:00 is still there after a reload", async ({ page }) => {
  await openDay(page, weekdays[0]);
  const { workOrder, tech } = await dropFromQueue(page, 0, 10);
  await expect(block(lane(page, tech), workOrder)).toHaveAttribute("data-start", "10:00");
  await settled(page, workOrder);

  await page.reload();
  const b = block(lane(page, tech), workOrder);
  await expect(b).toBeVisible();
  await expect(b).toHaveAttribute("data-start", "10:00");
  await expect(page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`)).toHaveCount(0);

  // the audit trail shows the drop as one entry, told in words, with the rows it wrote folded inside
  await page.goto(`/audit?job=${encodeURIComponent(workOrder)}`);
  const entry = page.getByTestId("audit-entry").filter({ hasText: `scheduled ${workOrder} for ${tech}` });
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute("data-table", "board_changes");
  await entry.getByText(/^Details/).click();
  await expect(entry.locator("[data-testid=audit-row][data-table=board_changes]")).toHaveCount(1);
  await expect(entry.locator("[data-testid=audit-row][data-table=assignments]")).toHaveCount(1);
  await expect(entry.locator("[data-testid=audit-row][data-table=jobs]")).toHaveCount(1);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("audit-one-entry-per-change.png"), fullPage: false });
});

test("a double booking shows a warning on the block with the reason", async ({ page }) => {
  await openDay(page, weekdays[1]);
  const first = await dropFromQueue(page, 1, 10);
  await settled(page, first.workOrder);
  const second = await dropFromQueue(page, 1, 10, 30);
  await settled(page, second.workOrder);

  const warning = block(lane(page, second.tech), second.workOrder).getByTestId("block-warning");
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute("title", new RegExp(`${second.tech} is already on ${first.workOrder}`));
  // the details panel lists the same reasons
  await block(lane(page, second.tech), second.workOrder).click();
  await expect(page.getByTestId("details-warnings")).toContainText(`is already on ${first.workOrder}`);
  await expectAccessible(page);
});

test("dragging a block's right edge changes its end", async ({ page }) => {
  await openDay(page, weekdays[2]);
  const { workOrder, tech } = await dropFromQueue(page, 2, 9);
  await settled(page, workOrder);
  const b = block(lane(page, tech), workOrder);
  const end = (await b.getAttribute("data-end"))!;
  const [h, m] = end.split(":").map(Number);
  const longer = `${String(h + 1).padStart(2, "0")}:${String(m).padStart(2, "0")}`;

  const handle = (await b.getByTestId("resize-handle").boundingBox())!;
  const hourWidth = (await xOfHour(page, 11)) - (await xOfHour(page, 10));
  const y = handle.y + handle.height / 2;
  await drag(page, { x: handle.x + handle.width / 2, y }, { x: handle.x + handle.width / 2 + hourWidth, y });
  await expect(b).toHaveAttribute("data-end", longer);
  await expect(b).toHaveAttribute("data-start", "09:00");
  await expect(saved(page)).toContainText(`to 09:00–${longer}`);

  await page.reload();
  await expect(block(lane(page, tech), workOrder)).toHaveAttribute("data-end", longer);
});

test("a second signed-in browser sees a move live, without reloading", async ({ page, browser }) => {
  const date = weekdays[3];
  const other = await signedInPage(browser, "admin@polar-air.demo", date);
  await expect(other.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });

  await openDay(page, date);
  const { workOrder, tech } = await dropFromQueue(page, 3, 11);
  await settled(page, workOrder);

  const seen = block(lane(other, tech), workOrder);
  await expect(seen).toBeVisible({ timeout: 10_000 });
  await expect(seen).toHaveAttribute("data-start", "11:00");
  await expect(seen).toHaveAttribute("data-highlight", "true");
  await expect(other.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`)).toHaveCount(0);
  // and the highlight fades
  await expect(seen).not.toHaveAttribute("data-highlight", "true", { timeout: 6_000 });
  await expectAccessible(other);
  await other.context().close();
});

async function signedInPage(browser: Browser, email: string, date: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openDay(page, date, email);
  return page;
}

async function outboxRows(page: Page, workOrder: string): Promise<number> {
  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-table")).toBeVisible();
  await expectAccessible(page);
  return page.getByTestId("outbox-row").filter({ hasText: workOrder }).count();
}

/** Opens a job's details panel and saves a new start time through it. */
async function moveInPanel(page: Page, workOrder: string, start: string): Promise<void> {
  await block(page, workOrder).first().click();
  const panel = page.getByTestId("details-panel");
  await expect(panel).toBeVisible();
  await panel.getByLabel("Start").fill(start);
  await panel.getByRole("button", { name: "Save" }).click();
}

/** Three quarter-hour slots 1–2 hours after the server's planning clock, on one day of the company's wall clock. */
/**
 * Three quarter-hour starts an hour or more after the server's planning time, read from the
 * now line of today's board (the server started long before this test may run).
 */
async function slotsSoon(page: Page): Promise<{ date: string; times: string[] }> {
  await page.goto(`/schedules?date=${TODAY}`);
  const hhmm = (await page.getByTestId("now-marker").textContent())!.trim();
  const serverNow = zonedToUtc(TODAY, hhmm, TZ).getTime();
  const quarter = 15 * 60_000;
  let base = Math.ceil((serverNow + 60 * 60_000) / quarter) * quarter;
  const firstDate = wallClock(new Date(base), TZ).date;
  if (wallClock(new Date(base + 2 * quarter), TZ).date !== firstDate) base = zonedToUtc(addDays(firstDate, 1), "00:15", TZ).getTime();
  const at = (ms: number) => {
    const w = wallClock(new Date(ms), TZ);
    return `${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
  };
  return { date: wallClock(new Date(base), TZ).date, times: [at(base), at(base + quarter), at(base + 2 * quarter)] };
}

test("moving a published visit due within 3 hours asks, and queues the customer's SMS only when ticked", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  const { date, times } = await slotsSoon(page);
  await page.goto(`/schedules?date=${date}`);
  await expect(page.getByTestId("lane").first()).toBeVisible();
  // a job whose customer can get a text, scheduled through the details panel
  const card = page.locator("[data-testid=queue-item][data-reach=sms]").first();
  const workOrder = (await card.getAttribute("data-work-order"))!;
  await card.click();
  const panel = page.getByTestId("details-panel");
  await panel.getByLabel("Start").fill(times[0]);
  const leader = panel.getByLabel("Crew leader");
  await leader.selectOption((await leader.locator("option").nth(1).getAttribute("value"))!);
  await panel.getByRole("button", { name: "Save" }).click();
  await settled(page, workOrder);

  await page.getByRole("button", { name: "Publish schedule" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-result")).toContainText(/Published: \d+ visits?, \d+ technician notices?, \d+ customer notices?/);
  const before = await outboxRows(page, workOrder);

  // ticked: the customer is told
  await page.goto(`/schedules?date=${date}`);
  await moveInPanel(page, workOrder, times[1]);
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`${workOrder} is published and due within 24 hours. Notify the customer by SMS`);
  await expect(dialog.getByLabel("Notify customer")).toBeChecked();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(saved(page)).toContainText("Customer notified");
  expect(await outboxRows(page, workOrder)).toBe(before + 1);

  // unticked: nothing is sent
  await page.goto(`/schedules?date=${date}`);
  await moveInPanel(page, workOrder, times[2]);
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByLabel("Notify customer").uncheck();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect(saved(page)).toContainText("Customer not notified");
  await expect(block(page, workOrder).first()).toHaveAttribute("data-start", times[2]);
  expect(await outboxRows(page, workOrder)).toBe(before + 1);
});

test("undo puts a moved job back in its previous slot", async ({ page }) => {
  await openDay(page, weekdays[4]);
  const { workOrder, tech } = await dropFromQueue(page, 4, 10);
  await settled(page, workOrder);
  const b = block(lane(page, tech), workOrder);

  // move it two hours later by its left edge
  const box = (await b.boundingBox())!;
  const twoHours = (await xOfHour(page, 12)) - (await xOfHour(page, 10));
  await drag(page, { x: box.x + 6, y: box.y + box.height / 2 }, { x: box.x + 6 + twoHours, y: box.y + box.height / 2 });
  await expect(b).toHaveAttribute("data-start", "12:00");
  await expect(saved(page)).toContainText("moved");

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(b).toHaveAttribute("data-start", "10:00");
  await expect(saved(page)).toContainText("undid");
  await page.reload();
  await expect(block(lane(page, tech), workOrder)).toHaveAttribute("data-start", "10:00");
});

test("the recent changes menu undoes a chosen change, and Ctrl+Z the latest", async ({ page }) => {
  await openDay(page, weekdays[5]);
  const a = await dropFromQueue(page, 5, 9);
  await settled(page, a.workOrder);
  const b = await dropFromQueue(page, 6, 13);
  await settled(page, b.workOrder);

  // undo the older change from the menu: the first job goes back to the queue
  await page.getByRole("button", { name: "Recent changes" }).click();
  const menu = page.getByTestId("recent-changes");
  await expect(menu.locator("li").filter({ hasText: a.workOrder })).toBeVisible();
  await expectAccessible(page);
  await menu.locator("li").filter({ hasText: a.workOrder }).getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(`[data-testid=queue-item][data-work-order="${a.workOrder}"]`)).toBeVisible();
  await expect(block(page, a.workOrder)).toHaveCount(0);

  // Ctrl+Z (focus not in a field) undoes the latest remaining one
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("Control+z");
  await expect(page.locator(`[data-testid=queue-item][data-work-order="${b.workOrder}"]`)).toBeVisible();
  await expect(block(page, b.workOrder)).toHaveCount(0);
});

test("the keyboard path: a queue card, Enter, the details panel and Save assign a job", async ({ page }) => {
  await openDay(page, weekdays[6]);
  const card = page.getByTestId("queue-item").first();
  const workOrder = (await card.getAttribute("data-work-order"))!;
  const { name } = await laneAt(page, 7);

  await card.focus();
  await page.keyboard.press("Enter");
  const panel = page.getByTestId("details-panel");
  await expect(panel).toBeVisible();
  // the start field has the focus
  await expect(panel.getByLabel("Start")).toBeFocused();
  await panel.getByLabel("Start").fill("10:30");
  // Tab walks through the time field's own parts first
  for (let i = 0; i < 4 && !(await panel.getByLabel("Duration (min)").evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Duration (min)")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Crew leader")).toBeFocused();
  await panel.getByLabel("Crew leader").selectOption((await lane(page, name).getAttribute("data-technician-id"))!);
  // on to the helper search, where Enter submits the form
  await page.keyboard.press("Tab");
  await expect(panel.getByLabel("Find a helper")).toBeFocused();
  await page.keyboard.press("Enter");

  const b = block(lane(page, name), workOrder);
  await expect(b).toBeVisible();
  await expect(b).toHaveAttribute("data-start", "10:30");
  await settled(page, workOrder);

  // blocks open the same panel with Enter, and Unschedule takes the job off the board
  await page.keyboard.press("Escape");
  await b.focus();
  await page.keyboard.press("Enter");
  await expect(panel.getByLabel("Crew leader")).toHaveValue((await lane(page, name).getAttribute("data-technician-id"))!);
});

test("a leader is required before a queued job can be saved", async ({ page }) => {
  await openDay(page, weekdays[7]);
  const card = page.locator("[data-testid=queue-item]").first();
  await card.click();
  const panel = page.getByTestId("details-panel");
  await panel.getByLabel("Crew leader").selectOption("");
  await panel.getByRole("button", { name: "Save" }).click();
  await expect(panel).toContainText("Choose a crew leader.");
  await expect(block(page, (await card.getAttribute("data-work-order"))!)).toHaveCount(0);
});

test("a move made on a stale board is refused with who changed it, and the board shows the latest", async ({ page, browser }) => {
  const date = weekdays[7];
  await openDay(page, date);
  const { workOrder, tech } = await dropFromQueue(page, 8, 9);
  await settled(page, workOrder);

  // a second dispatcher's board that hears nothing live, so it goes stale
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route("**/api/board/events", (route) => route.abort());
  const stale = await context.newPage();
  await openDay(stale, date, "admin@polar-air.demo");
  await expect(block(lane(stale, tech), workOrder)).toHaveAttribute("data-start", "09:00");

  // the first dispatcher moves the job to 11:00
  const twoHours = (await xOfHour(page, 11)) - (await xOfHour(page, 9));
  const mine = (await block(lane(page, tech), workOrder).boundingBox())!;
  await drag(page, { x: mine.x + 6, y: mine.y + mine.height / 2 }, { x: mine.x + 6 + twoHours, y: mine.y + mine.height / 2 });
  await expect(saved(page)).toContainText("moved");

  // the stale board tries to move it to 13:00: refused, and it reloads to 11:00
  const old = (await block(lane(stale, tech), workOrder).boundingBox())!;
  const fourHours = (await xOfHour(stale, 13)) - (await xOfHour(stale, 9));
  await drag(stale, { x: old.x + 6, y: old.y + old.height / 2 }, { x: old.x + 6 + fourHours, y: old.y + old.height / 2 });
  await expect(stale.getByTestId("toast-error")).toContainText(`${workOrder} was changed by`);
  await expect(stale.getByRole("alert").filter({ hasText: workOrder })).toBeVisible();
  await expect(block(lane(stale, tech), workOrder)).toHaveAttribute("data-start", "11:00");
  await expectAccessible(stale);
  await context.close();
});

test("a viewer sees the board read-only: no publish, no undo, no resize handles, no form", async ({ page, browser }) => {
  // a queued job of the test's own (other tests may have placed every demo job)
  const office = await browser.newContext();
  const desk = await office.newPage();
  await signInAs(desk, "dispatcher@polar-air.demo");
  await desk.goto("/jobs/new");
  await pickCustomer(desk, customerByIndex(polar, 3));
  await desk.getByLabel("Description").fill("Viewer test: noisy fan");
  await desk.getByLabel("Estimated minutes").fill("45");
  await desk.getByLabel("Dispatch automatically").uncheck();
  await desk.getByRole("button", { name: "Create job" }).click();
  const result = desk.getByTestId("dispatch-result");
  await expect(result).toBeVisible();
  const workOrder = (await result.locator("div").first().innerText()).trim();
  await office.close();

  await openDay(page, weekdays[0], "viewer@polar-air.demo");
  await expect(page.getByTestId("read-only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish schedule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
  await expect(page.getByTestId("resize-handle")).toHaveCount(0);
  const card = page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`);
  await expect(card).not.toHaveAttribute("aria-roledescription", "draggable job");
  await card.click();
  await expect(page.getByTestId("details-panel")).toBeVisible();
  await expect(page.getByTestId("details-panel").getByRole("button", { name: "Save" })).toHaveCount(0);
  await expectAccessible(page);
});
