import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { addDays, weekdayOf } from "../../lib/time/calendar-date";
import { TODAY, polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

// Read-only on the demo company: the page is asked for today, whose visits other
// tests may move, so the assertions are about what the page shows, not the counts.
// On a weekend nobody in the demo company works: the day shown is the next Monday.
const DAY = weekdayOf(TODAY) >= 6 ? addDays(TODAY, 8 - weekdayOf(TODAY)) : TODAY;

test("insights shows a working day's figures (today on a weekday) as charts with their tables and CSV files", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await expect(page.getByRole("link", { name: "Insights" })).toHaveAttribute("href", "/insights");
  // other tests may have added technicians to the company, or deactivated one who still has
  // visits that day (the heatmap shows them): count everyone the team page lists, active or not
  await page.goto("/technicians?state=all");
  await expect(page.getByTestId("technician-row").first()).toBeVisible();
  const working = await page.getByTestId("technician-row").count();
  expect(working).toBeGreaterThanOrEqual(polar.technicians.length);
  await page.goto(DAY === TODAY ? "/insights?period=today" : `/insights?period=custom&from=${DAY}&to=${DAY}`);
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("time-basis")).toContainText(DAY === TODAY ? `Today: ${DAY} to ${DAY}` : `${DAY} to ${DAY}`);
  await expect(page.getByTestId("time-basis")).toContainText("planned visit times");

  const figures = page.getByLabel("Key figures");
  await expect(figures).toContainText(/Utilisation\s*\d+%/);
  await expect(figures).toContainText("Jobs per technician per day");

  for (const id of ["trend", "technicians", "response", "placement"]) {
    await expect(page.getByTestId(`chart-${id}`).locator("svg.recharts-surface").first()).toBeVisible();
  }
  const trend = page.getByTestId("chart-trend");
  await trend.getByText("Table of daily trend").click();
  await expect(trend.getByRole("table", { name: "Daily trend table" }).getByRole("row")).toHaveCount(2);
  await expect(trend.getByRole("table", { name: "Daily trend table" })).toContainText(DAY);
  await expectAccessible(page);

  // the heatmap: one row per technician working that day, one column for the day
  const grid = page.getByRole("table", { name: "Utilisation by technician and day" });
  await expect(grid.locator("tbody tr")).not.toHaveCount(0);
  expect(await grid.locator("tbody tr").count()).toBeLessThanOrEqual(working);

  const download = page.waitForEvent("download");
  await trend.getByRole("link", { name: "Download CSV of Daily trend" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`insights-trend-${DAY}-to-${DAY}.csv`);
  const csv = await readFile((await file.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe("\uFEFFday,visits,completed,booked_hours,shift_hours,utilisation_pct,avg_travel_min");
  expect(csv).toContain(DAY);

  // the period form: its empty technician field means the whole team
  await page.getByLabel("Period", { exact: true }).selectOption("week");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=week/);
  await expect(page.getByTestId("time-basis")).toContainText("This week:", { timeout: 30_000 });
  await expectAccessible(page);
});

test("insights narrows to one technician and explains a bad custom period", async ({ page }) => {
  await signInAs(page, "viewer@polar-air.demo");
  const tech = polar.technicians[0];
  await page.goto(`/insights?period=custom&from=${TODAY}&to=2020-01-01&technician=${tech.id}`);
  await expect(page.getByRole("alert").filter({ hasText: "The last day" })).toHaveText("The last day is before the first day. Showing the last 4 weeks.");
  const people = page.getByTestId("chart-technicians");
  await people.getByText("Table of per technician").click();
  const rows = people.getByRole("table", { name: "Per technician table" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(tech.name);
  await expectAccessible(page);
});
