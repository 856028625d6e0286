import { expect, test } from "@playwright/test";
import { addDays } from "../../lib/time/calendar-date";
import { expectAccessible } from "./axe";
import { TODAY, createCompany } from "./support";

// The records reach the board: a technician's shift break is drawn on their lane and
// kept free by automatic dispatch, and a certification the job needs that expires
// within 30 days is a warning in words on the visit. The test makes its own company,
// technician, customer and day (tomorrow, with shifts every day of the week).
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

test("a shift break is drawn on the lane and an expiring certification warns on the visit that needs it", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await createCompany(page);
  const day = addDays(TODAY, 1);

  await page.goto("/technicians/new");
  const form = page.getByRole("form", { name: "New technician" });
  await form.getByLabel("Name").fill("Rae Breaks");
  await form.getByLabel("Phone").fill("+1 312 555 0177");
  await form.getByLabel("Skills").fill("HVAC");
  await form.getByLabel("Street address").fill("233 S Wacker Dr");
  await form.getByLabel("City").fill("Chicago");
  await form.getByLabel("State").fill("IL");
  await form.getByLabel("Postal code").fill("60606");
  await form.getByRole("button", { name: "Look up address" }).click();
  await expect(form.getByTestId("lookup-label")).toContainText("ZIP 60606");
  await form.getByRole("button", { name: "Add certification" }).click();
  await form.getByLabel("Certification").fill("EPA-608");
  await form.getByLabel("Valid until").fill(addDays(day, 9));
  for (const weekday of WEEKDAYS) {
    const on = form.getByRole("checkbox", { name: weekday });
    if (!(await on.isChecked())) await on.check();
    await form.getByLabel(`${weekday} from`).fill("08:00");
    await form.getByLabel(`${weekday} to`).fill("16:30");
    await form.getByLabel(`${weekday} break at`).fill("08:00");
    await form.getByLabel(`${weekday} break minutes`).fill("60");
  }
  await expectAccessible(page);
  await form.getByRole("button", { name: "Add technician" }).click();
  await expect(page.getByRole("heading", { name: "Rae Breaks" })).toBeVisible();

  await page.goto("/jobs/new");
  await page.getByRole("button", { name: "New customer" }).click();
  const inline = page.getByRole("region", { name: "New customer" });
  await inline.getByLabel("Customer name").fill("Cold Room Deli");
  await inline.getByLabel("Phone").fill("+1 312 555 0178");
  await inline.getByLabel("Street address").fill("200 S Wacker Dr");
  await inline.getByLabel("City").fill("Chicago");
  await inline.getByLabel("State").fill("IL");
  await inline.getByLabel("Postal code").fill("60606");
  await inline.getByRole("button", { name: "Look up address" }).click();
  await expect(inline.getByTestId("lookup-label")).toContainText("ZIP 60606");
  await inline.getByRole("button", { name: "Add customer" }).click();
  await expect(page.getByTestId("picked-customer")).toContainText("Cold Room Deli");
  await page.getByLabel("Description").fill("Walk-in cooler refrigerant top-up");
  await page.getByLabel("Required skills").fill("EPA-608");
  await page.getByLabel("Estimated minutes").fill("60");
  await page.getByLabel("Find room on").fill(day);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create job" }).click();
  // automatic dispatch keeps the 08:00–09:00 break free: the visit starts after it
  await expect(page.getByTestId("dispatch-reason")).toContainText("Rae Breaks");
  await expect(page.getByTestId("dispatch-reason")).not.toContainText("08:");

  await page.goto(`/schedules?date=${day}`);
  const lane = page.getByTestId("lane").filter({ hasText: "Rae Breaks" });
  const pause = lane.getByTestId("shift-break");
  await expect(pause).toHaveAttribute("title", "Break 08:00–09:00: no work is planned over it");
  const block = lane.getByTestId("job-block").filter({ hasText: "Cold Room Deli" }).first();
  await expect(block).toHaveAttribute("title", /⚠ Rae Breaks's EPA-608 expires .*, 9 days after this visit: renew it or plan someone else/);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/board-records-1440.png" });
});
