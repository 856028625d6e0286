import { expect, test } from "@playwright/test";
import { expectAccessible } from "./axe";
import { CLOCK, createCompany } from "./support";
import { inviteTechnician, newJob, placeFromQueue, publishDay, tag } from "./own-company";
import { wallClock } from "../../lib/time/zoned-time";

// The dispatcher's side of the technician app, in a company of the test's own:
// the board warns when a crew's reported progress will miss the next customer's
// window, the technician tells that customer in one tap, the dispatcher corrects
// a visit's status (recorded as a correction), and opens the crew's phone view
// read-only from the lane. Then the technicians' settings.
test.describe.configure({ timeout: 600_000 });

const TODAY = wallClock(CLOCK, "America/Chicago").date;

test("a crew's progress that will miss the next window warns the board live; one tap tells the customer; the dispatcher corrects a status and opens the phone view read-only", async ({ page, browser }) => {
  await createCompany(page);
  const techName = `Tess Late ${tag()}`;
  const tech = await inviteTechnician(page, browser, techName);
  const first = `LATE-A-${tag().toUpperCase()}`;
  const second = `LATE-B-${tag().toUpperCase()}`;
  // the server's day starts at 07:00: arriving now at a 150-minute visit planned for 06:00
  // frees the crew at 09:30 at the earliest, past the 08:30–09:00 window of the next customer
  await newJob(page, { workOrder: first, customer: `Early Bird Cafe ${tag()}`, minutes: 150, description: "Late test: boiler service" });
  await newJob(page, { workOrder: second, customer: `Window Works ${tag()}`, minutes: 60, window: [TODAY, "08:30", "09:00"] });

  const techId = await placeFromQueue(page, TODAY, techName, [[first, "06:00"], [second, "08:30"]]);
  const panel = page.getByTestId("details-panel");
  await publishDay(page);
  const lane = page.locator(`[data-testid=lane][data-technician-id="${techId}"]`);
  const secondBlock = lane.locator(`[data-testid=job-block][data-work-order="${second}"]`);
  // nothing reported yet: no projection
  await expect(lane.getByTestId("lane-late")).toHaveCount(0);
  await expectAccessible(page);

  // the technician arrives at the first visit, late
  await tech.phone.reload();
  const firstVisit = tech.phone.locator(`[data-testid=visit][data-work-order="${first}"]`);
  const secondVisit = tech.phone.locator(`[data-testid=visit][data-work-order="${second}"]`);
  await firstVisit.getByRole("button", { name: "Arrived" }).tap();
  await expect(firstVisit).toHaveAttribute("data-status", "arrived");
  await expect(secondVisit.getByTestId("late-warning")).toContainText("min after the window");
  await expectAccessible(tech.phone);

  // the board, open all along, warns without a reload
  await expect(lane.getByTestId("lane-late")).toHaveText("⚠ 1 customer late");
  await expect(lane.getByTestId("lane-late")).toHaveAttribute("title", new RegExp(`^${second}: arriving about \\d\\d:\\d\\d, \\d+ min after the customer's window`));
  await expect(secondBlock).toHaveAttribute("data-late", "true");
  // a one-hour block is too narrow for its badge: its title says it
  await expect(secondBlock).toHaveAttribute("title", /Running late: arriving about \d\d:\d\d, \d+ min after the customer's window/);
  await page.screenshot({ path: test.info().outputPath("board-running-late.png") });
  await tech.phone.screenshot({ path: test.info().outputPath("phone-running-late.png"), fullPage: true });
  await expect(lane.locator(`[data-testid=job-block][data-work-order="${first}"]`)).not.toHaveAttribute("data-late", "true");

  // one tap tells the next customer the projected time, once
  const estimate = (await secondVisit.getByTestId("send-late").textContent())!.match(/\d\d:\d\d/)![0];
  await secondVisit.getByTestId("send-late").tap();
  await expect(secondVisit.getByTestId("send-late")).toHaveCount(0);
  await expect(secondVisit).toContainText(`Customer told`);
  await expect(secondVisit).toContainText(`about ${estimate}`);

  // the dispatcher records "done" on the second visit, which never had "arrived": a correction
  await secondBlock.click();
  const status = panel.getByTestId("visit-status-panel");
  await expect(status.getByTestId("visit-status-reported")).toContainText(`expected ${estimate}`);
  await status.getByLabel("Set status to").selectOption("done");
  await expect(status.getByTestId("correction-note")).toContainText("Tap “Arrived” before “Done”.");
  await expectAccessible(page);
  await status.getByRole("button", { name: "Record correction" }).click();
  await expect(status.getByTestId("visit-status-result")).toContainText(`corrected ${second} to “Done” (was not started)`);
  await expect(secondBlock).toHaveAttribute("data-visit-status", "done");
  await expect(lane.getByTestId("lane-late")).toHaveCount(0);
  // the technician's phone sees it done, with nothing left to tap
  await expect(secondVisit).toHaveAttribute("data-status", "done");

  await page.goto("/outbox");
  await expect(page.getByTestId("outbox-row").filter({ hasText: second }).filter({ hasText: "running late" })).toHaveCount(1);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-entry").filter({ hasText: second }).filter({ has: page.getByTestId("audit-note").filter({ hasText: "dispatcher's correction" }) }).first()).toBeVisible();
  await expectAccessible(page);

  // the lane opens the technician's day as their phone shows it, read-only
  await page.goto(`/schedules?date=${TODAY}`);
  await lane.getByTestId("lane-tech-view").click();
  await expect(page).toHaveURL(new RegExp(`/tech\\?technician=${techId}`));
  await expect(page.getByText(`Read-only view of ${techName}`)).toBeVisible();
  const readOnlyFirst = page.locator(`[data-testid=visit][data-work-order="${first}"]`);
  await expect(readOnlyFirst).toHaveAttribute("data-status", "arrived");
  await expect(page.getByRole("button", { name: /Done|Arrived|On my way|Running late|Couldn.t finish|Tell the customer/ })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Accept" })).toHaveCount(0);
  await expect(page.getByLabel("Send my reminders by")).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("phone-view-read-only.png"), fullPage: true });
  await expectAccessible(page);
  await tech.context.close();
});

test("an admin sets the technicians' rules, refused with the reason when out of range; a technician picks their reminder channel", async ({ page, browser }) => {
  await createCompany(page);
  await page.goto("/settings/company");
  await expect(page.getByLabel("Reminder before each visit (min)")).toHaveValue("30");
  await expect(page.getByLabel("Time off technicians ask for")).toHaveValue("approve");
  await page.getByLabel("Reminder before each visit (min)").fill("300");
  await page.getByLabel("Evening summary of tomorrow at").fill("6pm");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("The reminder lead time is between 0 and 240.")).toBeVisible();
  await expect(page.getByText("Enter the summary time like 18:00 (24-hour clock).")).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByLabel("Reminder before each visit (min)")).toHaveValue("30");

  await page.getByLabel("Reminder before each visit (min)").fill("45");
  await page.getByLabel("Evening summary of tomorrow at").fill("19:30");
  await page.getByLabel("Time off technicians ask for").selectOption("at_once");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.locator("main").getByRole("status")).toHaveText("Settings saved.");
  await page.reload();
  await expect(page.getByLabel("Reminder before each visit (min)")).toHaveValue("45");
  await expect(page.getByLabel("Evening summary of tomorrow at")).toHaveValue("19:30");
  await expect(page.getByLabel("Time off technicians ask for")).toHaveValue("at_once");

  const tech = await inviteTechnician(page, browser, `Rita Reminder ${tag()}`);
  await expect(tech.phone.getByLabel("Send my reminders by")).toHaveValue("push");
  await tech.phone.getByLabel("Send my reminders by").selectOption("sms");
  await expect(tech.phone.getByTestId("reminder-channel-message")).toHaveText("Reminders now come by text message.");
  await tech.phone.reload();
  await expect(tech.phone.getByLabel("Send my reminders by")).toHaveValue("sms");
  await expectAccessible(tech.phone);
  await tech.context.close();
});
