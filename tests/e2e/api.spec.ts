import { expect, test, type Page } from "@playwright/test";
import { createCompany, signInAs } from "./support";
import { tag } from "./own-company";
import { expectAccessible } from "./axe";

test("an admin creates an API key, sees it once, uses it, and revokes it", async ({ page, request }) => {
  const name = `Order sync ${Date.now().toString(36)}`;
  await signInAs(page, "admin@bayside.demo");
  await page.goto("/settings/api-keys");
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Read and write").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^cb_[0-9a-f]{8}_/);
  const key = (await shown.textContent())!.trim();
  const row = page.getByTestId("api-key-row").filter({ hasText: name });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText("read and write");
  await expect(row).not.toContainText(key.slice(12));
  await expectAccessible(page);

  const listed = await request.get("/api/v1/technicians?limit=5", { headers: { authorization: `Bearer ${key}` } });
  expect(listed.status()).toBe(200);
  expect(((await listed.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);

  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("revoked");
  const refused = await request.get("/api/v1/technicians", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
});

test("a dispatcher cannot manage API keys", async ({ page }) => {
  await signInAs(page, "dispatcher@bayside.demo");
  await page.goto("/settings/api-keys");
  await expect(page.getByText("Only administrators see and manage API keys.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expectAccessible(page);
});

/** As a signed-in admin: creates an API key on the settings page and returns it (shown once). */
async function createApiKey(page: Page, name: string, scope: "Read only" | "Read and write"): Promise<string> {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(scope).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("new-api-key");
  await expect(shown).toHaveText(/^cb_[0-9a-f]{8}_/);
  return (await shown.textContent())!.trim();
}

test("the API reference lists every operation, and Try it sends a request to this server with a key of the page", async ({ page, browser }, testInfo) => {
  // a company of its own, a key, three Try it requests and three full-page accessibility checks of a long page
  test.setTimeout(300_000);
  await createCompany(page);
  const key = await createApiKey(page, `Reference ${tag()}`, "Read and write");

  // the reference is open to anyone: a browser without a session reads it
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const docs = await context.newPage();
  const outside: string[] = [];
  docs.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") outside.push(r.url());
  });
  await docs.goto("/api/docs");
  await expect(docs.getByRole("heading", { level: 1, name: "Crewboard API reference" })).toBeVisible();
  const contents = docs.getByRole("navigation", { name: "Contents" });
  for (const name of ["Jobs", "Technicians", "Customers", "Schedule", "Urgent requests", "Offers", "Exports", "Webhooks", "Errors"]) {
    await expect(contents.getByRole("link", { name, exact: true })).toBeVisible();
  }

  // one operation's section: method and path, scope, a parameter, a response, the example request
  const list = docs.locator("section#listJobs");
  await expect(list.getByRole("heading", { name: "List jobs" })).toBeVisible();
  await expect(list.locator("header")).toContainText("GET");
  await expect(list.locator("header")).toContainText("/api/v1/jobs");
  await expect(list).toContainText("Needs a key with read scope");
  const status = list.getByRole("table", { name: "Parameters of List jobs" }).getByRole("row").filter({ has: docs.getByRole("rowheader", { name: "status", exact: true }) });
  await expect(status).toContainText("query");
  await expect(status).toContainText("optional");
  await expect(status).toContainText("one of: unscheduled, scheduled, published, in_progress, done, cancelled");
  await expect(list.getByTestId("response-200")).toContainText("A page of jobs.");
  await expect(list.getByRole("row").filter({ has: docs.getByRole("rowheader", { name: "401" }) })).toContainText("Missing, malformed, unknown or revoked API key.");
  await expect(list.getByTestId("example-request")).toContainText("-H 'Authorization: Bearer <key>'");
  await expect(docs.locator("section#createJob").getByTestId("example-request")).toContainText("Idempotency-Key:");
  await expect(docs.locator("section#updateJob").getByTestId("example-request")).toContainText("If-Match:");
  const jobBody = docs.locator("section#createJob").getByRole("table", { name: "Request body of Create a job" });
  await expect(jobBody.getByRole("row").filter({ has: docs.getByRole("rowheader", { name: "estimatedMinutes" }) })).toContainText("5 to 1440");
  await expect(docs.locator("#problem-precondition-failed")).toContainText("412");
  const assigned = docs.locator("section#webhook-job-assigned");
  await expect(assigned.getByRole("heading", { name: "job.assigned" })).toBeVisible();
  await expect(assigned.getByRole("table", { name: "Body of the job.assigned event" })).toContainText("data.assignment.leaderName");
  await expectAccessible(docs);

  // Try it: nothing is sent without a key, and the problem says so
  const create = docs.locator("section#createCustomer");
  await create.getByText("Try it", { exact: true }).click();
  await create.getByRole("button", { name: "Send" }).click();
  await expect(create.getByRole("alert")).toContainText("Enter an API key");
  await create.getByLabel("API key").fill(key);
  const body = create.getByLabel("Body (JSON)");
  const example = JSON.parse(await body.inputValue()) as { name: string };
  const customer = `Harbor Dental ${tag()}`;
  await body.fill(JSON.stringify({ ...example, name: customer }, null, 2));
  await create.getByRole("button", { name: "Send" }).click();
  await expect(create.getByTestId("try-it-status")).toHaveText(/^201\b/);
  await expect(create.getByTestId("try-it-body")).toContainText(customer);
  const answer = create.getByTestId("try-it-answer");
  await answer.getByText(/^Headers \(\d+\)$/).click();
  await expect(answer.getByRole("term").filter({ hasText: /^location$/ })).toBeVisible();

  // the key typed once serves every form on the page; a query parameter goes into the URL
  const listCustomers = docs.locator("section#listCustomers");
  await listCustomers.getByText("Try it", { exact: true }).click();
  await expect(listCustomers.getByLabel("API key")).toHaveValue(key);
  await listCustomers.getByLabel(/^limit/).fill("200");
  await listCustomers.getByRole("button", { name: "Send" }).click();
  await expect(listCustomers.getByTestId("try-it-status")).toHaveText(/^200\b/);
  await expect(listCustomers.getByTestId("try-it-answer")).toContainText("GET /api/v1/customers?limit=200");
  await expect(listCustomers.getByTestId("try-it-body")).toContainText(customer);

  // an error answer reads in words
  const getJob = docs.locator("section#getJob");
  await getJob.getByText("Try it", { exact: true }).click();
  await getJob.getByLabel(/^id/).fill("not-an-id");
  await getJob.getByRole("button", { name: "Send" }).click();
  await expect(getJob.getByTestId("try-it-status")).toHaveText(/^4\d\d\b/);
  await expect(getJob.getByTestId("try-it-answer").getByRole("listitem").first()).not.toBeEmpty();
  await expectAccessible(docs);
  await docs.screenshot({ path: testInfo.outputPath("api-reference-1440.png") });

  // on a phone the page fits the screen: nothing scrolls sideways
  await docs.setViewportSize({ width: 390, height: 844 });
  await docs.goto("/api/docs#createCustomer");
  await expect(docs.getByRole("heading", { name: "Create a customer" })).toBeVisible();
  expect(await docs.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // the type and whether a field is required fold under its name, leaving room for the words
  const nameRow = docs.locator("section#createCustomer").getByRole("table", { name: "Request body of Create a customer" }).getByRole("rowheader", { name: /^name/ });
  await expect(nameRow).toContainText("string");
  await expect(nameRow).toContainText("required");
  await expectAccessible(docs);
  await docs.screenshot({ path: testInfo.outputPath("api-reference-390.png") });

  expect(outside).toEqual([]);
  const doc = await docs.request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  await context.close();
});
