import { randomBytes } from "node:crypto";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { TEST_PASSWORD } from "./support";

// Building blocks for a browser test that owns its company (see createCompany in
// support.ts): technicians who accept an invitation on a phone, and jobs for new customers.

export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
export const tag = (): string => randomBytes(3).toString("hex");

/** As the signed-in admin: invites a technician, who accepts on a phone and lands on their app. */
export async function inviteTechnician(page: Page, browser: Browser, name: string): Promise<{ context: BrowserContext; phone: Page; email: string }> {
  const email = `tech-${tag()}@example.test`;
  await page.goto("/settings/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("technician");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  const link = await page.getByLabel("Invitation link").inputValue();
  const context = await browser.newContext(PHONE);
  const phone = await context.newPage();
  await phone.goto(new URL(link).pathname);
  await phone.getByLabel("Your name").fill(name);
  await phone.getByLabel("Choose a password").fill(TEST_PASSWORD);
  await phone.getByRole("button", { name: "Accept invitation" }).click();
  await expect(phone).toHaveURL(/\/tech/);
  return { context, phone, email };
}

export interface NewJob {
  workOrder: string;
  customer: string;
  minutes: number;
  description?: string;
  /** An arrival window on a day: [date, from, to]. */
  window?: [string, string, string];
}

/** A new job for a new customer (entered inline on the New job form), left in the queue. */
export async function newJob(page: Page, job: NewJob): Promise<void> {
  await page.goto("/jobs/new");
  await page.getByRole("button", { name: "New customer" }).click();
  const inline = page.getByRole("region", { name: "New customer" });
  await inline.getByLabel("Customer name").fill(job.customer);
  await inline.getByLabel("Phone").fill("+1 312 555 0188");
  await inline.getByLabel("Street address").fill("500 W Madison St");
  await inline.getByLabel("Postal code").fill("60661");
  await inline.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("picked-site")).toContainText("500 W Madison St");
  await page.getByLabel("Work order").fill(job.workOrder);
  await page.getByLabel("Description").fill(job.description ?? "Boiler service");
  await page.getByLabel("Estimated minutes").fill(String(job.minutes));
  if (job.window) {
    const [date, from, to] = job.window;
    await page.getByLabel(/Arrival window from/).fill(`${date}T${from}`);
    await page.getByLabel("Arrival window to").fill(`${date}T${to}`);
  }
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Waiting in the unscheduled queue");
}

/**
 * On the board of `date`, places each queued job on the technician at its start through
 * the details panel. Returns the technician's id (read from the crew leader list by name).
 */
export async function placeFromQueue(page: Page, date: string, techName: string, visits: [workOrder: string, start: string][]): Promise<string> {
  await page.goto(`/schedules?date=${date}`);
  const panel = page.getByTestId("details-panel");
  let techId = "";
  for (const [workOrder, start] of visits) {
    await page.locator(`[data-testid=queue-item][data-work-order="${workOrder}"]`).click();
    await panel.getByLabel("Start").fill(start);
    techId = (await panel.getByLabel("Crew leader").locator("option", { hasText: techName }).getAttribute("value"))!;
    await panel.getByLabel("Crew leader").selectOption(techId);
    await panel.getByRole("button", { name: "Save" }).click();
    await expect(page.locator(`[data-testid=lane][data-technician-id="${techId}"] [data-testid=job-block][data-work-order="${workOrder}"]`)).toBeVisible();
    await panel.getByRole("button", { name: "Close details" }).click();
  }
  return techId;
}

/** Publishes the open board's day. */
export async function publishDay(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Publish schedule" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("publish-result")).toContainText("Published");
}
