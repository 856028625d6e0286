import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { BAYSIDE, generateDemoCompany } from "../../lib/demo/demo-data";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { wallClock, zonedToUtc } from "../../lib/time/zoned-time";
import { CLOCK, TEST_PASSWORD, TODAY, createCompany, pickCustomer, polar, signIn, signInAs } from "./support";
import { expectAccessible } from "./axe";
import { inviteTechnician, newJob, placeFromQueue, publishDay, tag } from "./own-company";

// The technician's phone app. Every test makes its own jobs with unique work
// orders: offers go to a weekday far ahead that no other spec uses; visits for
// today are placed in the evening, after every demo visit.
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1440, height: 900 } };
const weekdays: string[] = [];
for (let d = addDays(TODAY, 1); weekdays.length < 20; d = addDays(d, 1)) if (weekdayOf(d) <= 5) weekdays.push(d);
const OFFER_DAY = weekdays[18];
const bayside = generateDemoCompany(BAYSIDE, wallClock(CLOCK, BAYSIDE.timeZone).date, CLOCK);
const BAYSIDE_TODAY = wallClock(CLOCK, BAYSIDE.timeZone).date;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36).toUpperCase()}${Math.floor(Math.random() * 1296).toString(36).toUpperCase()}`;

async function phone(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/tech$/);
  return { context, page };
}

async function desk(browser: Browser, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await signInAs(page, email);
  return { context, page };
}

/**
 * The server's planning clock (started at CREWBOARD_CLOCK when the server started, long
 * before this file may run), read from the now line of a Chicago board, to the minute.
 */
async function serverNow(browser: Browser): Promise<number> {
  const { context, page } = await desk(browser, "dispatcher@polar-air.demo");
  await page.goto(`/schedules?date=${TODAY}`);
  const hhmm = (await page.getByTestId("now-marker").textContent())!.trim();
  await context.close();
  return zonedToUtc(TODAY, hhmm, "America/Chicago").getTime();
}

interface NewJob {
  workOrder: string;
  customerId: string;
  description: string;
  minutes: number;
  template?: string;
  dispatchOn?: string;
}

async function createJob(page: Page, job: NewJob): Promise<void> {
  await page.goto("/jobs/new");
  if (job.template) await page.getByLabel("Template").selectOption({ label: job.template });
  const customer = [...polar.customers, ...bayside.customers].find((c) => c.id === job.customerId)!;
  await pickCustomer(page, customer.name);
  await page.getByLabel("Work order").fill(job.workOrder);
  await page.getByLabel("Description").fill(job.description);
  // anyone may take it: every technician of the company gets the broadcast
  await page.getByLabel("Required skills").fill("");
  await page.getByLabel("Estimated minutes").fill(String(job.minutes));
  await page.getByLabel("Priority").selectOption("4");
  if (job.dispatchOn) await page.getByLabel("Find room on").fill(job.dispatchOn);
  else await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-result")).toContainText(job.workOrder);
}

/** Places a queued job on a technician today through the details panel, then publishes the day. */
async function placeTodayAndPublish(page: Page, workOrders: string[], technicianId: string, times: string[]): Promise<void> {
  await page.goto(`/schedules?date=${BAYSIDE_TODAY}`);
  await expect(page.getByTestId("lane").first()).toBeVisible();
  for (const [i, workOrder] of workOrders.entries()) {
    await page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`).click();
    const panel = page.getByTestId("details-panel");
    await panel.getByLabel("Start").fill(times[i]);
    await panel.getByLabel("Crew leader").selectOption(technicianId);
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(page.locator(`[data-testid=lane][data-technician-id="${technicianId}"] [data-testid=job-block][data-work-order="${workOrder}"]`)).toBeVisible();
  }
  await page.getByRole("button", { name: "Publish schedule" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-result")).toContainText("Published");
}

async function outboxRows(page: Page, workOrder: string, text: string): Promise<number> {
  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-table")).toBeVisible();
  return page.getByTestId("outbox-row").filter({ hasText: workOrder }).filter({ hasText: text }).count();
}

const reachable = bayside.customers.find((c) => c.phone)!;
const baysideTech = bayside.users.find((u) => u.email === "technician@bayside.demo")!;

test("a technician signing in lands on their day and sees the visits published to them, not the board's drafts", async ({ browser }) => {
  test.setTimeout(240_000);
  // the demo login lands on the phone app
  const demo = await phone(browser, "technician@polar-air.demo");
  await expect(demo.page.getByTestId("today")).toBeVisible();
  await expectAccessible(demo.page);
  await demo.context.close();

  // a company of the test's own: one technician, a published visit and a draft today
  const admin = await browser.newContext(DESKTOP);
  const page = await admin.newPage();
  await createCompany(page);
  const techName = `Pia Phone ${tag()}`;
  const tech = await inviteTechnician(page, browser, techName);
  const published = unique("PUB");
  const draft = unique("DRAFT");
  await newJob(page, { workOrder: published, customer: `Published Bakery ${tag()}`, minutes: 60 });
  await newJob(page, { workOrder: draft, customer: `Draft Diner ${tag()}`, minutes: 60 });
  const day = wallClock(CLOCK, "America/Chicago").date;
  await placeFromQueue(page, day, techName, [[published, "10:00"]]);
  await publishDay(page);
  await placeFromQueue(page, day, techName, [[draft, "13:00"]]);

  // signing in again on the phone: the app opens on their day
  await tech.context.clearCookies();
  await signIn(tech.phone, tech.email, TEST_PASSWORD);
  await expect(tech.phone).toHaveURL(/\/tech$/);
  const today = tech.phone.getByTestId("today");
  const visit = today.locator(`[data-testid=visit][data-work-order="${published}"]`);
  await expect(visit).toBeVisible();
  await expect(visit).toContainText("10:00");
  // the draft stays the dispatcher's until it is published
  await expect(today.locator(`[data-testid=visit][data-work-order="${draft}"]`)).toHaveCount(0);
  await expect(today.getByTestId("visit")).toHaveCount(1);
  await expect(visit.getByRole("link", { name: /500 W Madison St/ })).toHaveAttribute("href", /google\.com\/maps/);
  await expectAccessible(tech.phone);
  await tech.phone.screenshot({ path: test.info().outputPath("phone-own-day.png"), fullPage: true });
  await tech.context.close();
  await admin.close();
});

test("two technicians get the same broadcast; the first to accept wins, the other sees it taken, and it lands on the winner's lane", async ({ browser }) => {
  test.setTimeout(240_000);
  const broadcast = polar.templates.find((t) => t.dispatchMode === "broadcast")!;
  const workOrder = unique("OFFER");
  const dispatcher = await desk(browser, "dispatcher@polar-air.demo");
  await createJob(dispatcher.page, { workOrder, customerId: polar.customers[5].id, description: "Broadcast: furnace check", minutes: 45, template: broadcast.name, dispatchOn: OFFER_DAY });
  await expect(dispatcher.page.getByTestId("dispatch-state")).toContainText(/offer/i);

  const first = await phone(browser, "technician@polar-air.demo");
  const second = await phone(browser, "technician2@polar-air.demo");
  const offerOf = (p: Page) => p.locator(`[data-testid=offer][data-work-order="${workOrder}"]`);
  await expect(offerOf(first.page)).toHaveAttribute("data-state", "open");
  await expect(offerOf(second.page)).toHaveAttribute("data-state", "open");

  await offerOf(first.page).getByRole("button", { name: "Accept" }).tap();
  await expect(first.page.getByTestId("tech-message")).toHaveText(`${workOrder} is yours.`);
  await expect(offerOf(first.page)).toHaveAttribute("data-state", "accepted");
  await expectAccessible(first.page);
  // live, without a reload
  await expect(offerOf(second.page)).toHaveAttribute("data-state", "taken");
  await expect(offerOf(second.page).getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expectAccessible(second.page);

  const winner = polar.users.find((u) => u.email === "technician@polar-air.demo")!.technicianId!;
  await dispatcher.page.goto(`/schedules?date=${OFFER_DAY}`);
  const blocks = dispatcher.page.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`);
  await expect(blocks).toHaveCount(1);
  await expect(dispatcher.page.locator(`[data-testid=lane][data-technician-id="${winner}"] [data-testid=job-block][data-work-order="${workOrder}"]`)).toBeVisible();
  await expect(blocks.getByTestId("block-warning")).toHaveCount(0);
  await expectAccessible(dispatcher.page);
  for (const c of [first, second, dispatcher]) await c.context.close();
});

test("“on my way” on the phone shows on the dispatcher's board without a reload and tells the customer once", async ({ browser }) => {
  test.setTimeout(240_000);
  const workOrder = unique("OMW");
  const dispatcher = await desk(browser, "dispatcher@bayside.demo");
  await createJob(dispatcher.page, { workOrder, customerId: reachable.id, description: "Phone test: leaking tap", minutes: 120 });
  await placeTodayAndPublish(dispatcher.page, [workOrder], baysideTech.technicianId!, ["18:00"]);
  const before = await outboxRows(dispatcher.page, workOrder, "on the way");
  expect(before).toBe(0);
  await dispatcher.page.goto(`/schedules?date=${BAYSIDE_TODAY}`);
  const onBoard = dispatcher.page.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`);
  await expect(onBoard).toBeVisible();

  const tech = await phone(browser, "technician@bayside.demo");
  const visit = tech.page.locator(`[data-testid=visit][data-work-order="${workOrder}"]`);
  await visit.getByRole("button", { name: "On my way" }).tap();
  await expect(visit).toHaveAttribute("data-status", "on_my_way");
  await expect(visit.getByTestId("queued-note")).toHaveCount(0);
  await expect(onBoard).toHaveAttribute("data-visit-status", "on_my_way");
  await expect(onBoard.getByTestId("visit-badge")).toContainText(/EN ROUTE|LATE/);
  await expectAccessible(tech.page);
  await expectAccessible(dispatcher.page);

  await visit.getByRole("button", { name: "Arrived" }).tap();
  await expect(onBoard).toHaveAttribute("data-visit-status", "arrived");
  expect(await outboxRows(dispatcher.page, workOrder, "on the way")).toBe(1);
  for (const c of [tech, dispatcher]) await c.context.close();
});

test("a status tapped offline is kept on the phone and delivered once when the connection returns", async ({ browser }) => {
  test.setTimeout(240_000);
  const workOrder = unique("OFF");
  const dispatcher = await desk(browser, "dispatcher@bayside.demo");
  await createJob(dispatcher.page, { workOrder, customerId: reachable.id, description: "Phone test: no hot water", minutes: 30 });
  await placeTodayAndPublish(dispatcher.page, [workOrder], baysideTech.technicianId!, ["19:00"]);

  const tech = await phone(browser, "technician@bayside.demo");
  const visit = tech.page.locator(`[data-testid=visit][data-work-order="${workOrder}"]`);
  await expect(visit).toBeVisible();
  await tech.context.setOffline(true);
  await expect(tech.page.getByTestId("offline-banner")).toBeVisible();
  await visit.getByRole("button", { name: "On my way" }).tap();
  await expect(visit).toHaveAttribute("data-status", "on_my_way");
  await expect(visit.getByTestId("queued-note")).toContainText("1 update waiting for a connection");
  await expectAccessible(tech.page);

  await tech.context.setOffline(false);
  await expect(visit.getByTestId("queued-note")).toHaveCount(0, { timeout: 20_000 });
  await tech.page.reload();
  await expect(tech.page.locator(`[data-testid=visit][data-work-order="${workOrder}"]`)).toHaveAttribute("data-status", "on_my_way");
  expect(await outboxRows(dispatcher.page, workOrder, "on the way")).toBe(1);
  for (const c of [tech, dispatcher]) await c.context.close();
});

test("the installed app's manifest and service worker are served to a signed-out phone", async ({ request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBe(true);
  expect(await manifest.json()).toMatchObject({ start_url: "/tech", display: "standalone" });
  const sw = await request.get("/sw.js");
  expect(sw.ok()).toBe(true);
  expect(await sw.text()).toContain("crewboard-tech-pages");
  expect((await request.get("/icons/icon-192.png")).headers()["content-type"]).toContain("image/png");
});

test("hours marked unavailable on the phone appear on the board once a dispatcher approves them", async ({ browser }) => {
  test.setTimeout(240_000);
  const day = weekdays[17];
  const me = polar.users.find((u) => u.email === "technician2@polar-air.demo")!;
  const reason = unique("Dentist");
  const tech = await phone(browser, "technician2@polar-air.demo");
  await tech.page.getByLabel("Unavailable hours").check();
  await tech.page.getByLabel("Date", { exact: true }).fill(day);
  await tech.page.getByLabel("From", { exact: true }).fill("12:00");
  await tech.page.getByLabel("To", { exact: true }).fill("14:00");
  await tech.page.getByLabel("Reason (optional)").fill(reason);
  await tech.page.getByRole("button", { name: "Mark unavailable" }).tap();
  await expect(tech.page.getByTestId("availability-message")).toHaveText("Sent: your dispatcher will approve it.");
  await expectAccessible(tech.page);

  const dispatcher = await desk(browser, "dispatcher@polar-air.demo");
  const lane = dispatcher.page.locator(`[data-testid=lane][data-technician-id="${me.technicianId}"]`);
  await dispatcher.page.goto(`/schedules?date=${day}`);
  await expect(lane.locator(`[data-testid=time-off][title*="${reason}"]`)).toHaveCount(0);
  await dispatcher.page.goto("/time-off");
  const request = dispatcher.page.getByTestId("time-off-request").filter({ hasText: reason });
  await expect(request).toHaveAttribute("data-status", "pending");
  await expectAccessible(dispatcher.page);
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(request).toHaveAttribute("data-status", "approved");
  await dispatcher.page.goto(`/schedules?date=${day}`);
  await expect(lane.locator(`[data-testid=time-off][title*="${reason}"]`)).toHaveAttribute("title", `Time off 12:00–14:00: ${reason}`);
  for (const c of [tech, dispatcher]) await c.context.close();
});

test("a visit starting within the reminder time gets its crew's reminder queued once", async ({ browser }) => {
  test.setTimeout(240_000);
  const workOrder = unique("REM");
  const plannedNow = await serverNow(browser);
  const hhmm = (t: number) => {
    const w = wallClock(new Date(t), BAYSIDE.timeZone);
    return `${String(w.hour).padStart(2, "0")}:${String(Math.floor(w.minute / 5) * 5).padStart(2, "0")}`;
  };
  const dispatcher = await desk(browser, "dispatcher@bayside.demo");
  await createJob(dispatcher.page, { workOrder, customerId: reachable.id, description: "Phone test: reminder", minutes: 15 });
  await placeTodayAndPublish(dispatcher.page, [workOrder], baysideTech.technicianId!, [hhmm(plannedNow + 10 * 60_000)]);
  // the worker's loop runs every few seconds
  await expect.poll(() => outboxRows(dispatcher.page, workOrder, "Visit reminder"), { timeout: 30_000 }).toBe(1);
  await expectAccessible(dispatcher.page);
  // a fence: a second visit published after the first reminder gets its own reminder in a
  // later round of the worker, which has looked at the first visit again by then
  const fence = unique("REM");
  await createJob(dispatcher.page, { workOrder: fence, customerId: reachable.id, description: "Phone test: second reminder", minutes: 15 });
  await placeTodayAndPublish(dispatcher.page, [fence], baysideTech.technicianId!, [hhmm(plannedNow + 25 * 60_000)]);
  await expect.poll(() => outboxRows(dispatcher.page, fence, "Visit reminder"), { timeout: 30_000 }).toBe(1);
  expect(await outboxRows(dispatcher.page, workOrder, "Visit reminder")).toBe(1);
  await dispatcher.context.close();
});
