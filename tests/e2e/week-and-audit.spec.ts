import { expect, test } from "@playwright/test";
import { BAYSIDE, POLAR_AIR, generateDemoCompany } from "../../lib/demo/demo-data";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { wallClock } from "../../lib/time/zoned-time";
import { CLOCK, customerByIndex, pickCustomer, polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

// The server seeded "today" in each company's time zone when it started; generating
// the same day here gives the same visits and work orders.
const today = wallClock(CLOCK, POLAR_AIR.timeZone).date;
const polarToday = generateDemoCompany(POLAR_AIR, today, CLOCK);
const baysideToday = generateDemoCompany(BAYSIDE, wallClock(CLOCK, BAYSIDE.timeZone).date, CLOCK);

const longDay = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });
/** A weekday four weeks after the server's today: past the days the board specs use. */
const WEEK_TEST_DAY = (() => {
  let d = addDays(today, 28);
  while (weekdayOf(d) > 5) d = addDays(d, 1);
  return d;
})();

test("the week view shows a bar per technician per day, and clicking a day opens that day", async ({ page }) => {
  // The test books its own visit on a weekday weeks ahead, which no other test uses,
  // so the hours it expects are its own whatever ran before it.
  const day = WEEK_TEST_DAY;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await pickCustomer(page, customerByIndex(polar, 5));
  await page.getByLabel("Description").fill("Week view: coil cleaning");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel("Estimated minutes").fill("90");
  await page.getByLabel("Priority").selectOption("4");
  await page.getByLabel("Find room on").fill(day);
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Assigned automatically");
  await expectAccessible(page);

  await page.goto(`/schedules/week?start=${day}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Week of");
  await expect(page.getByTestId("week-row")).toHaveCount(polar.technicians.length);
  await expect(page.getByTestId("week-bar")).toHaveCount(polar.technicians.length * 7);
  const cells = page.locator(`[data-testid=week-cell][data-date="${day}"]`);
  await expect(cells).toHaveCount(polar.technicians.length);

  // exactly one technician has the visit that day: 1.5 booked hours, a bar that is not empty
  const booked = page.locator(`[data-testid=week-cell][data-date="${day}"][data-visits="1"]`);
  await expect(booked).toHaveCount(1);
  await expect(booked).toHaveAttribute("title", /: 1\.5 of [\d.]+ h booked \(\d+%\), 1 visit$/);
  await expect(booked.getByTestId("week-bar")).not.toHaveAttribute("style", /width: 0%/);
  await expectAccessible(page);

  await booked.click();
  await expect(page).toHaveURL(new RegExp(`/schedules\\?date=${day}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(longDay(day));
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
});

test("the week view moves a week at a time and its days link to the day board", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/schedules/week?start=2026-11-25");
  // any day opens its Monday's week
  await expect(page.getByTestId("week-day-link").first()).toHaveAttribute("href", "/schedules?date=2026-11-23");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Next week →" }).click();
  await expect(page).toHaveURL(/\/schedules\/week\?start=2026-11-30$/);
  await expect(page.getByTestId("week-day-link").last()).toHaveAttribute("href", "/schedules?date=2026-12-06");
  await page.getByTestId("week-day-link").nth(2).click();
  await expect(page).toHaveURL(/\/schedules\?date=2026-12-02$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("December 2");
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
});

test("the audit page lists what was written through the database, in words, with details", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByTestId("audit-entry").first()).toBeVisible();

  // the demo data was written by the system when the server started
  const job = polarToday.jobs[0];
  await page.getByLabel("Job").fill(job.workOrder);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`job=${job.workOrder}`));
  const created = page.getByTestId("audit-entry").filter({ hasText: `The system created job ${job.workOrder}` });
  await expect(created).toHaveCount(1);
  await created.getByText("Details").click();
  await expect(created.getByRole("row", { name: /work order/ })).toContainText(job.workOrder);
  await expect(created.getByRole("row", { name: /description/ })).toContainText(job.description);
  await expectAccessible(page);

  // only the filtered job's rows, and none of the other company's
  for (const sentence of await page.getByTestId("audit-sentence").allInnerTexts()) expect(sentence).toContain(job.workOrder);
  await page.getByLabel("Job").fill(baysideToday.jobs[0].workOrder);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("audit-empty")).toHaveText("No changes match these filters.");
  await expectAccessible(page);
});

test("a viewer is told the audit trail is not for them, and the event stream refuses strangers", async ({ page, request }) => {
  await signInAs(page, "viewer@polar-air.demo");
  await page.goto("/audit");
  await expect(page.getByTestId("audit-not-allowed")).toContainText("Not allowed");
  await expect(page.getByTestId("audit-entry")).toHaveCount(0);
  await expectAccessible(page);

  const res = await request.get("/api/board/events", { headers: { cookie: "" } });
  expect(res.status()).toBe(401);
});

test("a signed-in browser holds the live event stream open", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  const state = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const source = new EventSource("/api/board/events");
        source.onopen = () => {
          source.close();
          resolve("open");
        };
        source.onerror = () => {
          source.close();
          resolve("error");
        };
      }),
  );
  expect(state).toBe("open");
  await expect(page.getByTestId("lane").first()).toBeVisible();
  await expectAccessible(page);
});
