import { expect, test } from "@playwright/test";
import { signInAs } from "./support";
import { expectAccessible } from "./axe";
import { wallClock } from "../../lib/time/zoned-time";
import { addDays, formatDate } from "../../lib/time/calendar-date";

test("a customer's portal request becomes an auto-dispatched job whose tracking page follows it live", async ({ browser, page }, testInfo) => {
  // a build, two sign-ins and a key on a busy machine
  test.slow();
  const customer = `Portal Customer ${Date.now().toString(36)}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/request/polar-air");
  await expect(page.getByRole("heading", { name: "Request a service visit" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Your name").fill(customer);
  await page.getByLabel("Phone").fill("+13125550142");
  await page.getByLabel("Service address").fill("233 S Wacker Dr");
  await page.getByLabel("City").fill("Chicago");
  await page.getByLabel("Postal code").fill("60606");
  await page.getByLabel("What is wrong?").fill("The rooftop unit blows warm air.");
  await page.getByRole("button", { name: "Send request" }).click();
  const confirmation = page.getByTestId("portal-confirmation");
  await expect(confirmation).toContainText("We will arrive between", { timeout: 20_000 });
  await expectAccessible(page);
  const title = await page.getByRole("heading", { name: /Request WO-\S+ received/ }).textContent();
  const workOrder = /Request (WO-\S+) received/.exec(title ?? "")![1];

  // updates must arrive pushed down the event stream: the polling answer is cut off
  const polled: string[] = [];
  await page.route(/\/api\/track\/[A-Za-z0-9_-]{43}$/, (route) => {
    polled.push(route.request().url());
    return route.abort();
  });
  const stream = page.waitForResponse((r) => /\/api\/track\/[A-Za-z0-9_-]{43}\/events$/.test(r.url()));
  await page.getByRole("link", { name: "Follow your visit" }).click();
  await expect(page).toHaveURL(/\/track\/[A-Za-z0-9_-]{43}$/);
  expect((await stream).headers()["content-type"]).toContain("text/event-stream");
  const headline = page.getByTestId("tracking-headline");
  await expect(headline).toContainText("will arrive between");
  await expectAccessible(page);
  await expect(page.getByRole("listitem").filter({ hasText: "Scheduled" })).toHaveAttribute("aria-current", "step");

  // the crew's progress arrives from another system through the API; the open tracking page follows without a reload
  const officeContext = await browser.newContext();
  const office = await officeContext.newPage();
  await signInAs(office, "admin@polar-air.demo");
  await office.goto("/settings/api-keys");
  await expect(office.getByRole("heading", { name: "API keys" })).toBeVisible();
  await expectAccessible(office);
  const keyName = `Portal test ${Date.now().toString(36)}`;
  await office.getByLabel("Name").fill(keyName);
  await office.getByLabel("Read and write").check();
  await office.getByRole("button", { name: "Create key" }).click();
  const key = (await office.getByTestId("new-api-key").textContent())!.trim();
  const auth = { authorization: `Bearer ${key}` };
  const found = (await (await office.request.get(`/api/v1/jobs?workOrder=${workOrder}`, { headers: auth })).json()) as {
    data: { id: string; source: string; customerName: string; dispatchState: string; dispatchReason: string; assignment: { leaderName: string; start: string } | null }[];
  };
  expect(found.data).toHaveLength(1);
  // dispatched by itself, with the reason in words
  expect(found.data[0]).toMatchObject({ source: "portal", customerName: customer, dispatchState: "auto_assigned" });
  expect(found.data[0].dispatchReason).toMatch(/best of \d+ eligible: /);
  const firstName = found.data[0].assignment!.leaderName.split(" ")[0];
  // no geocoding service here: the postal code placed it, and the board says so
  const visitDay = wallClock(new Date(found.data[0].assignment!.start), "America/Chicago").date;
  await office.goto(`/schedules?date=${visitDay}`);
  const block = office.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`);
  await expect(block).toHaveAttribute("title", /Location approximate/);
  await block.click();
  await expect(office.getByTestId("details-location-approximate")).toBeVisible();
  await expectAccessible(office);
  const report = async (status: string) => {
    const r = await office.request.post(`/api/v1/jobs/${found.data[0].id}/status`, {
      headers: { ...auth, "idempotency-key": `${status}-${workOrder}` },
      data: { status },
    });
    expect(r.status()).toBe(200);
  };
  await report("on_my_way");
  await expect(headline).toContainText(`${firstName} is on the way, about`, { timeout: 15_000 });
  await expect(page.getByRole("listitem").filter({ hasText: "On the way" })).toHaveAttribute("aria-current", "step");
  await page.screenshot({ path: testInfo.outputPath("tracking-on-the-way-390.png"), fullPage: true });
  await report("arrived");
  await expect(headline).toHaveText(`${firstName} is on site.`, { timeout: 15_000 });
  await report("done");
  await expect(headline).toHaveText("The visit is done. Thank you!", { timeout: 15_000 });
  // every change came through the stream; the page never fell back to polling
  expect(polled).toEqual([]);

  await office.goto("/settings/api-keys");
  office.once("dialog", (d) => void d.accept());
  await office.getByRole("button", { name: `Revoke ${keyName}` }).click();
  await expect(office.getByTestId("api-key-row").filter({ hasText: keyName })).toContainText("revoked");
  await officeContext.close();
});

test("the request page of an unknown company and a made-up tracking link show nothing", async ({ page }) => {
  expect((await page.goto("/request/no-such-company"))!.status()).toBe(404);
  await expectAccessible(page);
  expect((await page.goto(`/track/${"a".repeat(43)}`))!.status()).toBe(404);
  const api = await page.request.get(`/api/track/${"b".repeat(43)}`);
  expect(api.status()).toBe(404);
});

test("a customer asks for another time; the dispatcher moves it from the review queue and the tracking page follows by polling when the stream fails", async ({ browser, page }) => {
  test.slow();
  await page.goto("/request/bayside");
  await page.getByLabel("Your name").fill(`Bayside Customer ${Date.now().toString(36)}`);
  await page.getByLabel("Email").fill("portal-test@example.test");
  await page.getByLabel("Service address").fill("400 Broad St");
  await page.getByLabel("City").fill("Seattle");
  await page.getByLabel("Postal code").fill("98109");
  await page.getByLabel("What is wrong?").fill("Water heater leaking.");
  await page.getByRole("button", { name: "Send request" }).click();
  // the event stream is cut off: the page must fall back to polling
  const streams: string[] = [];
  await page.route(/\/api\/track\/[A-Za-z0-9_-]{43}\/events$/, (route) => {
    streams.push(route.request().url());
    return route.abort();
  });
  await page.getByRole("link", { name: "Follow your visit" }).click();
  await expect(page).toHaveURL(/\/track\/[A-Za-z0-9_-]{43}$/);
  const token = /\/track\/([A-Za-z0-9_-]{43})$/.exec(page.url())![1];
  const tracked = (await (await page.request.get(`/api/track/${token}`)).json()) as { workOrder: string; window: { start: string } | null };
  expect(tracked.window).not.toBeNull();
  // the customer asks for the next weekday after the visit, in the afternoon
  const visitDay = wallClock(new Date(tracked.window!.start), "America/Los_Angeles").date;
  let asked = addDays(visitDay, 1);
  while ([0, 6].includes(new Date(`${asked}T12:00:00Z`).getUTCDay())) asked = addDays(asked, 1);
  await page.getByRole("button", { name: "Ask for another time" }).click();
  await page.getByLabel("Which day would you like?").fill(asked);
  await page.getByLabel("Time of day").selectOption("afternoon");
  await page.getByLabel("Which days or times suit you?").fill("Any weekday after 3 pm");
  await expectAccessible(page);

  // the dispatcher has the visit's day open (a context of its own: axe-core checks pages of contexts a test made)
  const officeContext = await browser.newContext();
  const office = await officeContext.newPage();
  await signInAs(office, "dispatcher@bayside.demo");
  await office.goto(`/schedules?date=${visitDay}`);
  await expect(office.getByTestId("live-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });
  await expectAccessible(office);

  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("tracking-request")).toContainText("We received your request for another time");
  expect(streams.length).toBeGreaterThan(0);

  // the open board says so at once, without a reload
  await expect(office.getByTestId("toast-info").filter({ hasText: `${tracked.workOrder} for Bayside Customer` })).toContainText(
    "needs review: The customer asked for another time",
  );

  // the visit stays on the board, marked with the customer's words, and is listed for review
  const block = office.locator(`[data-testid=job-block][data-work-order="${tracked.workOrder}"]`);
  await expect(block).toHaveAttribute("title", /Needs review: The customer asked for another time \(.+, afternoon\): “Any weekday after 3 pm”/);
  await office.goto("/jobs/review");
  const item = office.locator(`[data-testid=review-item][data-work-order="${tracked.workOrder}"]`);
  await expect(item.getByTestId("review-customer-request")).toContainText("Any weekday after 3 pm");
  await expect(item.getByTestId("review-requested-time")).toContainText(`${formatDate(asked, "EEEE, MMMM d")}, afternoon`);
  await expectAccessible(office);
  const headline = page.getByTestId("tracking-headline");
  const before = await headline.textContent();
  await item.getByRole("button", { name: /^Move to / }).first().click();
  await expect(office.getByRole("status").filter({ hasText: "as the customer asked" })).toBeVisible();
  await expect(item).toHaveCount(0);

  // the open tracking page hears of it without a reload (polling, as the stream is cut off)
  await expect(page.getByTestId("tracking-answer")).toHaveText("Your visit was moved as you asked.", { timeout: 20_000 });
  await expect(headline).not.toHaveText(before!);
  await expect(headline).toContainText(formatDate(asked, "EEEE, MMMM d"));
  await expectAccessible(page);
  await officeContext.close();
});
