import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { addDays } from "../../lib/time/calendar-date";
import { expectAccessible } from "./axe";
import { TODAY, createCompany, importCsv } from "./support";

// A board larger than its first paint: the first lanes come with the page, the rest
// a slice at a time once it is interactive. The test makes its own company of 100
// technicians (by name: Fill 001 … Fill 100) with a visit on the first, a middle and
// the last lane tomorrow.
test("a 100-technician board paints its first lanes, fills in the rest a slice at a time, and the last lane works like the first", async ({ page }) => {
  test.setTimeout(300_000);
  const t = randomBytes(3).toString("hex");
  await page.setViewportSize({ width: 1440, height: 900 });
  await createCompany(page, { name: `Large Board ${t}` });
  const day = addDays(TODAY, 1);
  const week = "07:00-18:00,".repeat(7).slice(0, -1);
  const name = (i: number) => `Fill ${String(i).padStart(3, "0")} ${t}`;
  await importCsv(page, "Technicians", [
    "name,skills,home_lat,home_lng,home_address,mon,tue,wed,thu,fri,sat,sun",
    ...Array.from({ length: 100 }, (_, i) => `${name(i + 1)},HVAC,${(41.85 + (i % 10) * 0.005).toFixed(3)},-87.640,${100 + i} N Wells St,${week}`),
  ]);
  await importCsv(page, "Customers", ["name,phone,address,city,lat,lng", `Big Board Diner,+13125550190,40 W Lake St,Chicago,41.885,-87.630`]);
  const visits = [1, 55, 100].map((i) => [`LB-${t}-${i}`, name(i)] as const);
  await importCsv(page, "Board (jobs and assignments)", [
    "work_order,customer,description,priority,estimated_minutes,required_skills,technician,start,end",
    ...visits.map(([wo, tech]) => `${wo},Big Board Diner,Rooftop unit service,Normal,60,HVAC,${tech},${day} 10:00,${day} 11:00`),
  ]);

  const lanesRead: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.pathname === "/api/board/day" && r.method() === "GET") lanesRead.push(url.search);
  });
  await page.goto(`/schedules?date=${day}`);
  const timelines = page.getByRole("region", { name: "Technician timelines" });
  await expect(timelines).toHaveAttribute("data-complete", /^(true|false)$/);
  await expect(page.locator(`[data-testid=lane][data-technician="${name(1)}"]`).getByTestId("job-block")).toHaveAttribute("data-work-order", visits[0][0]);

  // the rest arrives in slices after the first 30 lanes, never as one whole-day read
  await expect.poll(() => lanesRead.length, { timeout: 30_000 }).toBe(2);
  expect(lanesRead.map((s) => new URLSearchParams(s).get("offset"))).toEqual(["30", "90"]);
  expect(lanesRead.every((s) => new URLSearchParams(s).get("limit") === "60")).toBe(true);

  // once laid on, the board is as tall as 100 lanes; the last one is there when scrolled to,
  // with its visit, and opens like any other
  await expect(timelines).toHaveAttribute("data-complete", "true", { timeout: 30_000 });
  expect(await timelines.evaluate((el) => el.scrollHeight)).toBeGreaterThan(100 * 56);
  await timelines.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = page.locator(`[data-testid=lane][data-technician="${name(100)}"]`);
  await expect(last).toBeVisible();
  const block = last.getByTestId("job-block");
  await expect(block).toHaveAttribute("data-work-order", visits[2][0]);
  await expect(block).toHaveAttribute("data-start", "10:00");
  await block.click();
  await expect(page.getByRole("heading", { name: visits[2][0] })).toBeVisible();
  await expectAccessible(page);

  // a middle lane, from the first slice read after the page
  await timelines.evaluate((el) => el.scrollTo({ top: 0 }));
  await timelines.evaluate((el, index) => el.scrollTo({ top: index * 56 - 200 }), 54);
  await expect(page.locator(`[data-testid=lane][data-technician="${name(55)}"]`).getByTestId("job-block")).toHaveAttribute("data-work-order", visits[1][0]);
});
