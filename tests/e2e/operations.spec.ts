// Operations in a company of the test's own: the slot template (a flex slot and the
// recovery buffer) drawn on the board with its legend, an on-call rotation with a swap
// approved and shown on the board, the Urgent form offering whoever is on call before
// the shifts start, a schedule gap filled from the queue, and the morning export sent
// once its time has passed.
import { expect, test, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { addDays } from "../../lib/time/calendar-date";
import { expectAccessible } from "./axe";
import { wallClock } from "../../lib/time/zoned-time";
import { CLOCK, TODAY, createCompany, pickCustomer } from "./support";

// The planning clock starts in the morning (07:00 on a weekday unless told otherwise):
// the technicians' shifts start the hour after it, every day of the week, so the test
// reads the same on any date — before the shifts, someone on call, gaps in the day.
const pad = (n: number) => String(n).padStart(2, "0");
const CLOCK_HOUR = wallClock(CLOCK, "America/Chicago").hour;
const SHIFT_START = `${pad(CLOCK_HOUR + 1)}:00`;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** The first Monday–Friday from today: the slot template's blocks are kept on working days. */
const WORKDAY = [0, 1, 2].map((d) => addDays(TODAY, d)).find((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))!;

const tag = () => Math.random().toString(36).slice(2, 8);

async function fillAddress(scope: Locator, a: { street: string; postal: string }) {
  await scope.getByLabel("Street address").fill(a.street);
  await scope.getByLabel("City").fill("Chicago");
  await scope.getByLabel("State").fill("IL");
  await scope.getByLabel("Postal code").fill(a.postal);
  await scope.getByRole("button", { name: "Look up address" }).click();
  await expect(scope.getByTestId("lookup-label")).toContainText(`ZIP ${a.postal}`);
}

/** Adds a technician who works every day from the hour after the planning clock until 17:30. */
async function addTechnician(page: Page, name: string) {
  await page.goto("/technicians");
  await page.getByRole("link", { name: "Add technician" }).click();
  const form = page.getByRole("form", { name: "New technician" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Phone").fill("+1 312 555 0101");
  await form.getByLabel("Skills").fill("HVAC");
  for (const day of WEEKDAYS) {
    await form.getByRole("checkbox", { name: day, exact: true }).check();
    await form.getByLabel(`${day} from`).fill(SHIFT_START);
    await form.getByLabel(`${day} to`).fill("17:30");
  }
  await fillAddress(form, { street: "233 S Wacker Dr", postal: "60606" });
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(page).toHaveURL(/\/technicians\/[0-9a-f-]{36}$/, { timeout: 30_000 });
}

test.describe.serial("operations", () => {
  let context: BrowserContext;
  let page: Page;
  const t = tag();
  const ana = `Ana Ops ${t}`;
  const bo = `Bo Ops ${t}`;

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    await createCompany(page, { name: `Operations ${t}` });
    await addTechnician(page, ana);
    await addTechnician(page, bo);
  });
  test.afterAll(async () => context?.close());

  test("the slot template is set in settings and drawn on every lane, with a legend", async () => {
    await page.goto("/settings/slots");
    const buffer = page.getByRole("form", { name: "Recovery buffer" });
    await buffer.getByLabel(/Travel-and-recovery buffer/).fill("15");
    await buffer.getByRole("button", { name: "Save buffer" }).click();
    await expect(page.getByText("Recovery buffer saved.")).toBeVisible();

    const add = page.getByRole("form", { name: "Add a block" });
    // a fixed block needs the kind of work it is kept for: refused with the reason, nothing added
    await add.getByLabel("Name shown on the board").fill("Routine");
    await add.getByRole("button", { name: "Add block" }).click();
    await expect(page.getByText("A fixed block is reserved for one kind of work; a flex slot for none.")).toBeVisible();
    await add.getByLabel("Kind", { exact: true }).selectOption("flex");
    await add.getByLabel("From").fill("13:00");
    await add.getByLabel("Until").fill("15:00");
    await add.getByRole("button", { name: "Add block" }).click();
    await expect(page.getByText("Block “Flex (emergencies)” added.")).toBeVisible();
    await expect(page.getByRole("table", { name: "Slot blocks" }).locator("tbody tr")).toHaveCount(5);
    await expectAccessible(page);

    await page.goto(`/schedules?date=${WORKDAY}`);
    await expect(page.getByTestId("lane")).toHaveCount(2, { timeout: 30_000 });
    const bands = page.locator("[data-testid=slot-band][data-kind=flex]");
    await expect(bands).toHaveCount(2);
    await expect(bands.first()).toHaveAttribute("title", "Flex slot (urgent work only): Flex (emergencies), 13:00–15:00");
    const legend = page.getByTestId("board-legend");
    await expect(legend.getByRole("list", { name: "Slot template" })).toContainText("Flex slot, urgent work only: Flex (emergencies) 13:00–15:00");
    await expect(legend).toContainText("Recovery buffer: 15 min after a visit when another follows");
    await page.screenshot({ path: "test-results/operations-board-1440.png" });
    await expectAccessible(page);
  });

  test("the week view draws the same blocks on each working day, with a legend", async () => {
    await page.goto(`/schedules/week?start=${TODAY}`);
    await expect(page.getByTestId("week-row")).toHaveCount(2);
    // the flex slot is kept Monday to Friday: in each day's heading and behind both technicians' days
    await expect(page.locator("[data-testid=week-day-blocks] [data-testid=week-slot-band][data-kind=flex]")).toHaveCount(5);
    const inCells = page.locator("[data-testid=week-cell] [data-testid=week-slot-band][data-kind=flex]");
    await expect(inCells).toHaveCount(10);
    await expect(inCells.first()).toHaveAttribute("title", "flex slot (urgent work only) Flex (emergencies) 13:00–15:00");
    await expect(page.getByTestId("week-legend-block")).toContainText("Flex slot, urgent work only: Flex (emergencies)");
    await expect(page.locator(`[data-testid=week-row][data-technician="${ana}"] [data-testid=week-cell]`).first()).toHaveAttribute(
      "title",
      /; flex slot \(urgent work only\) Flex \(emergencies\) 13:00–15:00$/,
    );
    await page.screenshot({ path: "test-results/operations-week-1440.png" });
    await expectAccessible(page);
  });

  test("an on-call rotation with a swap approved: who is on call now, on the board too", async () => {
    await page.goto("/oncall");
    const create = page.getByRole("form", { name: "New rotation" });
    await create.getByLabel("Name").fill("Nights");
    await create.getByLabel("Turns").selectOption("daily");
    await create.getByLabel(/Handover time/).fill(SHIFT_START);
    // the first turn began yesterday at the handover time, an hour after the planning clock: it is still Ana's
    await create.getByLabel("First turn on").fill(addDays(TODAY, -1));
    await create.getByLabel(ana).check();
    await create.getByLabel(bo).check();
    await create.getByRole("button", { name: "Create rotation" }).click();
    const row = page.getByTestId("rotation-row").filter({ hasText: "Nights" });
    await expect(row.getByTestId("rotation-now")).toContainText(`${ana} until`);

    // the swap form lists the turns of rotations that existed when the page loaded
    await page.reload();
    const ask = page.getByRole("form", { name: "Ask for a swap" });
    await ask.getByLabel("Turn").selectOption({ index: 0 });
    await ask.getByLabel("Hand it to").selectOption({ label: bo });
    await ask.getByLabel("Reason (optional)").fill("Family dinner");
    await ask.getByRole("button", { name: "Ask for the swap" }).click();
    const swap = page.getByTestId("swap-row").filter({ hasText: "Family dinner" });
    await expect(swap).toContainText(`${ana} → ${bo}`);
    await swap.getByRole("button", { name: /^Approve/ }).click();
    await expect(row.getByTestId("rotation-now")).toContainText(`${bo} until`);
    await expect(page.getByRole("table", { name: "On-call fairness" })).toContainText(ana);
    await expectAccessible(page);

    await page.goto(`/schedules?date=${TODAY}`);
    const onCall = page.getByTestId("on-call-now");
    await expect(onCall).toContainText(`On call now: ${bo} (Nights, until ${SHIFT_START}, swapped)`);
    await expectAccessible(page);
  });

  test("a schedule gap is filled from the queue with the engine's reasons", async () => {
    const customer = `Gap Diner ${t}`;
    await page.goto("/jobs/new");
    await page.getByRole("button", { name: "New customer" }).click();
    const inline = page.getByRole("region", { name: "New customer" });
    await inline.getByLabel("Customer name").fill(customer);
    await inline.getByLabel("Phone").fill("+1 312 555 0142");
    await fillAddress(inline, { street: "100 N Michigan Ave", postal: "60601" });
    await inline.getByRole("button", { name: "Add customer" }).click();
    await expect(page.getByTestId("picked-customer")).toContainText(customer);
    await page.getByLabel("Description").fill("Walk-in cooler check");
    await page.getByLabel("Required skills").fill("HVAC");
    await page.getByLabel("Dispatch automatically").uncheck();
    await page.getByRole("button", { name: "Create job" }).click();
    await expect(page.getByTestId("dispatch-state")).toHaveText("Waiting in the unscheduled queue");
    const wo = (await page.getByTestId("dispatch-result").locator("div").first().innerText()).trim();

    await page.goto("/insights/gaps");
    await expect(page.getByRole("heading", { level: 1, name: "Schedule gaps and balance" })).toBeVisible();
    const gap = page.getByTestId("gap").filter({ hasText: ana }).first();
    await gap.getByRole("button", { name: /^Fill from queue/ }).click();
    const fill = gap.getByTestId("gap-fill").filter({ hasText: wo });
    await expect(fill).toContainText(customer);
    await expect(fill).toContainText(/score/);
    await expectAccessible(page);
    await fill.getByRole("button", { name: `Assign ${wo} to ${ana}` }).click();

    await page.goto(`/schedules?date=${TODAY}`);
    await expect(page.locator(`[data-testid=lane][data-technician="${ana}"]`)).toContainText(wo, { timeout: 30_000 });
  });

  test("the Urgent form before the shifts start puts the technician on call first, and approving it books them", async () => {
    // the shifts start the hour after the planning clock: Bo holds the swapped night turn
    await page.goto("/urgent");
    const workOrder = `URG-OC-${t}`;
    await page.getByLabel("Work order").fill(workOrder);
    await page.getByLabel("What is wrong").fill("No heat, pipes at risk");
    await page.getByLabel("Required skills").fill("HVAC");
    await page.getByLabel("Duration (minutes)").fill("60");
    await page.getByLabel(/Must be seen by/).fill(`${TODAY}T11:00`);
    await pickCustomer(page, `Gap Diner ${t}`);
    await page.getByRole("button", { name: "Find options" }).click();
    await expect(page).toHaveURL(/\/urgent\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const first = page.getByTestId("bump-option").first();
    await expect(first.getByTestId("on-call-option")).toBeVisible();
    await expect(first).toContainText(bo);
    await expect(first).toContainText(new RegExp(`after hours \\(no one on shift at ${pad(CLOCK_HOUR)}:\\d\\d\\): ${bo} is on call for Nights until ${SHIFT_START} \\(a swapped turn\\); can be there at`));
    await page.screenshot({ path: "test-results/operations-urgent-on-call-1440.png", fullPage: true });
    await expectAccessible(page);
    await first.getByRole("button", { name: "Approve option 1" }).click();
    await first.getByRole("button", { name: "Confirm approval" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
    await page.goto(`/schedules?date=${TODAY}`);
    await expect(page.locator(`[data-testid=lane][data-technician="${bo}"]`)).toContainText(workOrder, { timeout: 30_000 });
  });

  test("the morning export goes out once its time has passed, and is listed", async () => {
    await page.goto("/settings/morning-export");
    await page.getByLabel("Send the morning export").check();
    // the planning clock reads 07:00: an export at 06:30 is due at once
    await page.getByLabel("Local time").fill("06:30");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("The morning export goes out at 06:30.")).toBeVisible();
    const recent = page.getByRole("table", { name: "Recent morning exports" });
    await expect(async () => {
      await page.reload();
      await expect(recent).toContainText(TODAY, { timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(recent.locator("tbody tr")).toHaveCount(1);
    await expectAccessible(page);
  });
});
