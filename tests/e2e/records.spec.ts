import { expect, test, type Page } from "@playwright/test";
import { addDays } from "../../lib/engine/zoned-time";
import { TODAY, signInAs } from "./support";

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
  await form.getByLabel("Monday break at").fill("12:00");
  await form.getByRole("button", { name: "Add technician" }).click();

  await expect(page).toHaveURL(/\/technicians\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("EPA-608 expires in 10 days")).toBeVisible();
  await expect(page.getByLabel("Monday from")).toHaveValue("08:00");
  await expect(page.getByLabel("Monday break minutes")).toHaveValue("30");
  const url = page.url();

  try {
    await page.goto(`/technicians?zone=${encodeURIComponent(zone)}`);
    const rows = page.getByTestId("technician-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(name);
    await expect(rows.first()).toContainText("EPA-608 expires in 10 days");

    await page.goto(url);
    await page.getByRole("button", { name: "Add time off" }).click();
    const day = addDays(TODAY, 30);
    await page.getByLabel(/^From/).fill(`${day}T08:00`);
    await page.getByLabel("Until", { exact: true }).fill(`${day}T12:00`);
    await page.getByLabel("Reason").fill("Training");
    await page.getByRole("button", { name: "Save time off" }).click();
    await expect(page.getByText("Time off saved. No visits collide with it.")).toBeVisible();
    await expect(page.getByTestId("time-off-row")).toContainText("Training");
    // bad input: the end before the start
    await page.getByRole("button", { name: "Add time off" }).click();
    await page.getByLabel(/^From/).fill(`${day}T12:00`);
    await page.getByLabel("Until", { exact: true }).fill(`${day}T08:00`);
    await page.getByRole("button", { name: "Save time off" }).click();
    await expect(page.getByText("Time off must end after it starts.")).toBeVisible();
  } finally {
    await page.goto(url);
    await page.getByRole("button", { name: "Deactivate technician" }).click();
    await expect(page.getByText(`${name} is deactivated. Their history is kept`)).toBeVisible();
  }
  await page.goto(`/technicians?zone=${encodeURIComponent(zone)}`);
  await expect(page.getByTestId("technician-row")).toHaveCount(0);
  await page.goto(`/technicians?zone=${encodeURIComponent(zone)}&state=inactive`);
  await expect(page.getByTestId("technician-row")).toContainText(name);
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
});

test("refusals: a viewer reads but cannot add; bad customer input loses nothing and says why", async ({ page }) => {
  await signInAs(page, "viewer@polar-air.demo");
  await page.goto("/technicians");
  await expect(page.getByRole("table", { name: "Technicians" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add technician" })).toHaveCount(0);
  await page.goto("/customers/new");
  await expect(page.getByRole("alert")).toContainText("Your role cannot open new customers.");

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
});
