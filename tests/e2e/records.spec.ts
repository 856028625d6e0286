import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../../lib/time/calendar-date";
import { TODAY, signInAs } from "./support";
import { expectAccessible } from "./axe";

// Records kept in the app. Each test creates the technician, customer and jobs it
// asserts on, with unique names; a technician added to the demo company is
// deactivated before the test ends, so the board's lanes are as other tests expect.
const tag = () => Math.random().toString(36).slice(2, 8);

async function fillAddress(page: Page, scope: ReturnType<Page["locator"]>, a: { street: string; city: string; state: string; postal: string }) {
  await scope.getByLabel("Street address").fill(a.street);
  await scope.getByLabel("City").fill(a.city);
  await scope.getByLabel("State").fill(a.state);
  await scope.getByLabel("Postal code").fill(a.postal);
  await scope.getByRole("button", { name: "Look up address" }).click();
  await expect(scope.getByTestId("lookup-label")).toContainText(`ZIP ${a.postal}`);
  await expect(scope.getByTestId("pin-map")).toBeVisible();
  await expect(scope.getByTestId("approximate-flag")).toBeVisible();
}

test("a technician is added with shifts, a break and an expiring certification, found by zone, given time off and deactivated", async ({ page }) => {
  const name = `Rae Records ${tag()}`;
  const zone = `Zone-${tag()}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/technicians");
  await page.getByRole("link", { name: "Add technician" }).click();
  const form = page.getByRole("form", { name: "New technician" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Phone").fill("+1 312 555 0199");
  await form.getByLabel("Skills").fill("HVAC");
  await form.getByLabel("Service zones").fill(zone);
  await fillAddress(page, form, { street: "233 S Wacker Dr", city: "Chicago", state: "IL", postal: "60606" });
  await form.getByRole("button", { name: "Add certification" }).click();
  await form.getByLabel("Certification").fill("EPA-608");
  await form.getByLabel("Valid until").fill(addDays(TODAY, 10));

  // a break outside the shift is refused with a clear message, nothing saved
  await form.getByLabel("Monday break at").fill("17:00");
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(form.getByText("The break must fall inside the shift.")).toBeVisible();
  await expectAccessible(page);
  await form.getByLabel("Monday break at").fill("12:00");
  await form.getByRole("button", { name: "Add technician" }).click();

  await expect(page).toHaveURL(/\/technicians\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("EPA-608 expires in 10 days")).toBeVisible();
  await expect(page.getByLabel("Monday from")).toHaveValue("08:00");
  await expect(page.getByLabel("Monday break minutes")).toHaveValue("30");
  await expectAccessible(page);
  const url = page.url();

  try {
    await page.goto(`/technicians?zone=${encodeURIComponent(zone)}`);
    const rows = page.getByTestId("technician-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(name);
    await expect(rows.first()).toContainText("EPA-608 expires in 10 days");
    await expectAccessible(page);

    await page.goto(url);
    await page.getByRole("button", { name: "Add time off" }).click();
    const day = addDays(TODAY, 30);
    await page.getByLabel(/^From/).fill(`${day}T08:00`);
    await page.getByLabel("Until", { exact: true }).fill(`${day}T12:00`);
    await page.getByLabel("Reason").fill("Training");
    await page.getByRole("button", { name: "Save time off" }).click();
    await expect(page.getByText("Time off saved. No visits collide with it.")).toBeVisible();
    await expect(page.getByTestId("time-off-row")).toContainText("Training");
    await expectAccessible(page);
    // bad input: the end before the start
    await page.getByRole("button", { name: "Add time off" }).click();
    await page.getByLabel(/^From/).fill(`${day}T12:00`);
    await page.getByLabel("Until", { exact: true }).fill(`${day}T08:00`);
    await page.getByRole("button", { name: "Save time off" }).click();
    await expect(page.getByText("Time off must end after it starts.")).toBeVisible();
    await expectAccessible(page);
  } finally {
    await page.goto(url);
    await page.getByRole("button", { name: "Deactivate technician" }).click();
    await expect(page.getByText(`${name} is deactivated. Their history is kept`)).toBeVisible();
  }
  await page.goto(`/technicians?zone=${encodeURIComponent(zone)}`);
  await expect(page.getByTestId("technician-row")).toHaveCount(0);
  await page.goto(`/technicians?zone=${encodeURIComponent(zone)}&state=inactive`);
  await expect(page.getByTestId("technician-row")).toContainText(name);
  await expectAccessible(page);
});

test("a call from a new customer: entered inline on the New job form, a second site added, a job at each site, both in the history", async ({ page }) => {
  const name = `Lakeview Dental ${tag()}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await page.getByRole("button", { name: "New customer" }).click();
  const inline = page.getByRole("region", { name: "New customer" });
  await inline.getByLabel("Customer name").fill(name);
  await inline.getByLabel("Phone").fill("+1 312 555 0142");
  await fillAddress(page, inline, { street: "100 N Michigan Ave", city: "Chicago", state: "IL", postal: "60601" });
  await inline.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("picked-customer")).toContainText(name);
  await expect(page.getByTestId("picked-site")).toContainText("Main site: 100 N Michigan Ave, Chicago (approximate)");
  await expectAccessible(page);
  await page.getByLabel("Description").fill("Records: chair compressor check");
  await page.getByLabel("Priority").selectOption("4");
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Waiting in the unscheduled queue");

  // the customer is found again by phone digits and gets a second site
  await page.goto("/customers?q=312%20555%200142");
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Add site" }).click();
  const siteForm = page.getByRole("form", { name: "New site" });
  await siteForm.getByLabel("Site name").fill("Warehouse");
  await fillAddress(page, siteForm, { street: "1 W Fulton Market", city: "Chicago", state: "IL", postal: "60607" });
  await siteForm.getByLabel("Access notes").fill("Dock 4, ring twice");
  await siteForm.getByRole("button", { name: "Save site" }).click();
  await expect(page.getByTestId("site-row")).toHaveCount(2);
  await expect(page.getByTestId("site-row").filter({ hasText: "Warehouse" })).toContainText("Access: Dock 4, ring twice");
  await expectAccessible(page);

  await page.getByTestId("site-row").filter({ hasText: "Warehouse" }).getByRole("link", { name: "New job here" }).click();
  await expect(page.getByTestId("picked-site")).toContainText("Warehouse: 1 W Fulton Market");
  await page.getByLabel("Description").fill("Records: warehouse freezer");
  await page.getByLabel("Priority").selectOption("4");
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Waiting in the unscheduled queue");

  await page.goto("/customers?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name }).click();
  const history = page.getByRole("region", { name: "Job history" });
  await expect(history.getByRole("row").filter({ hasText: "Records: warehouse freezer" })).toContainText("Warehouse");
  await expect(history.getByRole("row").filter({ hasText: "Records: chair compressor check" })).toContainText("Main site");
  await expectAccessible(page);
});

test("refusals: a viewer reads but cannot add; bad customer input loses nothing and says why", async ({ page }) => {
  await signInAs(page, "viewer@polar-air.demo");
  await page.goto("/technicians");
  await expect(page.getByRole("table", { name: "Technicians" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add technician" })).toHaveCount(0);
  await expectAccessible(page);
  await page.goto("/customers/new");
  await expect(page.locator("main").getByRole("alert")).toContainText("Your role cannot open new customers.");
  await expectAccessible(page);

  await page.context().clearCookies();
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/customers/new");
  const form = page.getByRole("form", { name: "New customer" });
  await form.getByLabel("Phone").fill("+1 312 555 0177");
  await form.getByLabel("Street address").fill("1 Nowhere Lane");
  await form.getByLabel("City").fill("Atlantis");
  await form.getByRole("button", { name: "Add customer" }).click();
  await expect(form.getByText("Enter the customer's name.")).toBeVisible();
  await form.getByLabel("Name").fill(`Nowhere Ltd ${tag()}`);
  await form.getByRole("button", { name: "Add customer" }).click();
  await expect(form.getByRole("alert").first()).toContainText("Address not found");
  // what was typed is still there
  await expect(form.getByLabel("Phone")).toHaveValue("+1 312 555 0177");
  await expect(form.getByLabel("Street address")).toHaveValue("1 Nowhere Lane");
  await expectAccessible(page);
});

test("any job is found again by work order and customer, cancelled with a reason the customer is told, duplicated and given a return visit", async ({ page }) => {
  const name = `Jobfinder Bakery ${tag()}`;
  const workOrder = `REC-${tag().toUpperCase()}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await page.getByRole("button", { name: "New customer" }).click();
  const inline = page.getByRole("region", { name: "New customer" });
  await inline.getByLabel("Customer name").fill(name);
  await inline.getByLabel("Phone").fill("+1 312 555 0163");
  await inline.getByLabel("Street address").fill("500 W Madison St");
  await inline.getByLabel("Postal code").fill("60661");
  // saved without a lookup: the address is looked up on save
  await inline.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("picked-site")).toContainText("500 W Madison St");
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("Description").fill("Records: oven hood inspection");
  await page.getByLabel("Priority").selectOption("4");
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  await expect(page.getByTestId("dispatch-state")).toHaveText("Waiting in the unscheduled queue");

  await page.goto("/jobs");
  await page.getByLabel("Search", { exact: true }).fill(workOrder);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await page.goto(`/jobs?q=${encodeURIComponent(name.split(" ").slice(0, 2).join(" "))}&status=unscheduled`);
  await expect(page.getByTestId("job-row")).toHaveCount(1);
  await expectAccessible(page);
  const csv = await page.request.get(`/api/exports/jobs?q=${encodeURIComponent(workOrder)}`);
  expect((await csv.text()).split(/\r?\n/).filter(Boolean)).toHaveLength(2);
  await page.getByRole("link", { name: workOrder }).click();
  await expect(page.getByRole("heading", { name: workOrder })).toBeVisible();

  // return visit: a new job marked as a return to this one
  await page.getByRole("button", { name: "Schedule a return visit" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Return visit for ${workOrder}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Job details" })).toContainText("Return visit: Records: oven hood inspection");
  await expectAccessible(page);

  await page.goto(`/jobs?q=${encodeURIComponent(workOrder)}`);
  await page.getByRole("link", { name: workOrder }).click();
  await page.getByRole("button", { name: "Duplicate job" }).click();
  await expect(page.getByRole("status").filter({ hasText: `A copy of ${workOrder}, waiting in the unscheduled queue.` })).toBeVisible();

  await page.goto(`/jobs?q=${encodeURIComponent(workOrder)}`);
  await page.getByRole("link", { name: workOrder }).click();
  await page.getByRole("button", { name: "Cancel job…" }).click();
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByText("Say why the job is cancelled (the customer is told).")).toBeVisible();
  await page.getByLabel("Why is it cancelled?").fill("Customer closed for renovation");
  await page.getByRole("button", { name: "Confirm cancellation" }).click();
  await expect(page.getByText(`${workOrder} is cancelled. The customer's notice is in the outbox.`)).toBeVisible();
  await expect(page.getByTestId("job-status")).toHaveText("Cancelled");
  await expect(page.getByRole("region", { name: "History" })).toContainText(/cancel/i);
  await expectAccessible(page);
  await page.goto("/outbox");
  await expect(page.getByText(`your visit (${workOrder}) is cancelled: Customer closed for renovation`).first()).toBeVisible();
  await expectAccessible(page);
});

test("an SLA rule previews the open jobs it covers before it is saved, and applies to them when asked; dispatchers only read rules", async ({ page }) => {
  const word = `zq${tag()}`;
  const rule = `Bakery ovens ${word}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/jobs/new");
  await page.getByRole("button", { name: "New customer" }).click();
  const inline = page.getByRole("region", { name: "New customer" });
  await inline.getByLabel("Customer name").fill(`Rule Test Cafe ${word}`);
  await inline.getByLabel("Phone").fill("+1 312 555 0188");
  await inline.getByLabel("Street address").fill("20 N Clark St");
  await inline.getByLabel("Postal code").fill("60602");
  await inline.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("picked-customer")).toBeVisible();
  await page.getByLabel("Description").fill(`Oven ${word} not heating`);
  await page.getByLabel("Priority").selectOption("4");
  await page.getByLabel("Dispatch automatically").uncheck();
  await page.getByRole("button", { name: "Create job" }).click();
  const workOrder = (await page.getByTestId("dispatch-result").locator("div").first().innerText()).trim();

  await page.goto("/settings/rules");
  await expect(page.getByText("Only administrators change rules.")).toBeVisible();
  await expect(page.getByRole("button", { name: "New rule" })).toHaveCount(0);
  await expectAccessible(page);

  await page.context().clearCookies();
  await signInAs(page, "admin@polar-air.demo");
  await page.goto("/settings/rules");
  await page.getByRole("button", { name: "New rule" }).click();
  const form = page.getByRole("form", { name: "New rule" });
  await form.getByLabel("Rule name").fill(rule);
  await form.getByLabel("Covers").selectOption("keyword");
  await form.getByRole("button", { name: "Preview affected jobs" }).click();
  await expect(form.getByText("Say which skill, keyword or customer the rule covers.")).toBeVisible();
  await form.getByLabel("Word or phrase").fill(word);
  await form.getByLabel("May jobs under it be bumped?").selectOption("protect");
  await form.getByLabel("Response time (minutes)").fill("240");
  await form.getByRole("button", { name: "Preview affected jobs" }).click();
  const preview = form.getByTestId("rule-preview");
  await expect(preview).toContainText("1 open job(s) covered; 1 would change");
  await expect(preview).toContainText(`${workOrder} (Rule Test Cafe ${word}): the job mentions “${word}” — may no longer be bumped (SLA)`);
  await expectAccessible(page);
  await preview.getByLabel(/Also change these open jobs now/).check();
  await form.getByRole("button", { name: "Save rule" }).click();
  await expect(page.getByText(`Rule ${rule} saved; 1 open job(s) changed.`)).toBeVisible();
  await expect(page.getByTestId("rule-row").filter({ hasText: rule })).toContainText("never bumped · respond within 240 min");

  await page.goto(`/jobs?q=${workOrder}`);
  await page.getByRole("link", { name: workOrder }).click();
  await expect(page.getByRole("region", { name: "Job details" })).toContainText("Low · SLA-protected");
  await expectAccessible(page);
  // the rule is removed again so other companies' tests never meet it
  await page.goto("/settings/rules");
  await page.getByRole("button", { name: `Remove ${rule}` }).click();
  await expect(page.getByText(`Rule ${rule} removed.`)).toBeVisible();
  await expectAccessible(page);
});

test("recurring maintenance: visits generated ahead into the queue, an edit remakes only unplaced visits, cancelling says what it removes", async ({ page }) => {
  const name = `Coil Care ${tag()}`;
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/customers/new");
  const form = page.getByRole("form", { name: "New customer" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Phone").fill("+1 312 555 0121");
  await form.getByLabel("Street address").fill("300 S Riverside Plaza");
  await form.getByLabel("Postal code").fill("60606");
  await form.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page.getByRole("button", { name: "Add recurring visits" }).click();
  const series = page.getByRole("form", { name: "New recurring visits" });
  await series.getByLabel("Work at each visit").fill("Coil clean");
  await series.getByLabel("Repeats").selectOption("weekly");
  await series.getByLabel("N", { exact: true }).fill("2");
  await series.getByLabel("First visit").fill(addDays(TODAY, 7));
  await series.getByLabel("Make visits this many days ahead").fill("30");
  await series.getByLabel("Last visit by (optional)").fill(addDays(TODAY, 1));
  await series.getByRole("button", { name: "Save recurring visits" }).click();
  await expect(series.getByText("The series must end on or after its first visit.")).toBeVisible();
  await series.getByLabel("Last visit by (optional)").fill("");
  await series.getByRole("button", { name: "Save recurring visits" }).click();
  await expect(page.getByText("Series saved. 2 visit(s) added to the queue.")).toBeVisible();
  const row = page.getByTestId("series-row");
  await expect(row).toContainText("every 2 weeks on");
  await expect(row).toContainText(`Next: ${addDays(TODAY, 7)}, ${addDays(TODAY, 21)}`);
  await expectAccessible(page);

  await row.getByRole("button", { name: "Edit series" }).click();
  const edit = page.getByRole("form", { name: "Edit recurring visits" });
  await edit.getByLabel("N", { exact: true }).fill("1");
  await edit.getByRole("button", { name: "Save recurring visits" }).click();
  await expect(page.getByText("Series saved. 4 visit(s) added to the queue; 2 unplaced visit(s) removed.")).toBeVisible();

  await page.goto(`/jobs?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("job-row")).toHaveCount(4);
  await expect(page.getByTestId("job-row").first()).toContainText("recurring");
  await expectAccessible(page);

  await page.goto("/customers?q=" + encodeURIComponent(name));
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Cancel series…" }).click();
  await expect(page.getByRole("alertdialog", { name: "Cancel series" })).toContainText("removes 4 unplaced future visit(s)");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Cancel the series" }).click();
  await expect(page.getByText("Series cancelled. 4 unplaced visit(s) removed.")).toBeVisible();
  await page.goto(`/jobs?q=${encodeURIComponent(name)}`);
  await expect(page.getByTestId("job-row")).toHaveCount(0);
  await expectAccessible(page);
});
