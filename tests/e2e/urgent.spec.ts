import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { wallClock } from "../../lib/time/zoned-time";
import { expectAccessible } from "./axe";
import { CLOCK, TODAY, createCompany, importCsv, pickCustomer } from "./support";

/** A wall-clock "YYYY-MM-DDTHH:MM" in Chicago, `hours` after the server's planning clock. */
function chicagoLocal(hours: number): string {
  const w = wallClock(new Date(CLOCK.getTime() + hours * 3_600_000), "America/Chicago");
  return `${w.date}T${String(w.hour).padStart(2, "0")}:${String(w.minute).padStart(2, "0")}`;
}

test("an urgent job from intake to an approved reshuffle: options, approval, board, outbox and bump list", async ({ page }) => {
  // a company of the test's own whose two technicians work every day of the week and
  // are booked all of today, so the urgent job can only come in by bumping a visit
  test.setTimeout(300_000);
  const t = randomBytes(3).toString("hex");
  await createCompany(page, { name: `Urgent Test ${t}` });
  const week = "07:00-18:00,".repeat(7).slice(0, -1);
  await importCsv(page, "Technicians", [
    "name,skills,home_lat,home_lng,home_address,mon,tue,wed,thu,fri,sat,sun",
    `Ana Urgent,HVAC,41.880,-87.630,233 S Wacker Dr,${week}`,
    `Bo Urgent,HVAC,41.900,-87.650,1 N State St,${week}`,
  ]);
  const customers = ["Harbor Bakery", "Union Gym", "Maple Deli", "Ridge Clinic", "Lake Books", "Oak Dental", "Pine Hotel", "Elm Cafe"];
  await importCsv(page, "Customers", [
    "name,phone,address,city,lat,lng",
    `Lakeside Restaurant,+13125550111,1 Lake St,Chicago,41.886,-87.636`,
    ...customers.map((c, i) => `${c},+1312555012${i},${100 + i} W Madison St,Chicago,${(41.87 + i * 0.004).toFixed(3)},${(-87.64 + i * 0.003).toFixed(3)}`),
  ]);
  const slots = [["07:00", "09:30"], ["09:45", "12:15"], ["12:30", "15:00"], ["15:15", "17:45"]];
  await importCsv(page, "Board (jobs and assignments)", [
    "work_order,customer,description,priority,estimated_minutes,required_skills,technician,start,end",
    ...customers.map((c, i) => {
      const [from, to] = slots[i % 4];
      return `BK-${t}-${i + 1},${c},Seasonal service,Low,150,HVAC,${i < 4 ? "Ana Urgent" : "Bo Urgent"},${TODAY} ${from},${TODAY} ${to}`;
    }),
  ]);

  const workOrder = `URG-${t.toUpperCase()}`;
  await page.goto("/urgent");
  await expect(page.getByLabel("Work order")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("What is wrong").fill("Walk-in freezer down, product at risk");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel("Duration (minutes)").fill("90");
  await page.getByLabel(/Must be seen by/).fill(chicagoLocal(5));
  await pickCustomer(page, "Lakeside Restaurant");
  await page.getByRole("button", { name: "Find options" }).click();

  await expect(page).toHaveURL(/\/urgent\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("urgent-status")).toHaveText("Waiting for approval");
  const options = page.getByTestId("bump-option");
  expect(await options.count()).toBeGreaterThanOrEqual(2);
  // an option that bumps a booked visit; nothing has moved before it is approved
  const bumping = options.filter({ has: page.getByTestId("bumped-job") }).first();
  await expect(bumping.getByTestId("bumped-job").first()).toBeVisible();
  const bumpedWorkOrder = (await bumping.getByTestId("bumped-job").first().locator("td").first().innerText()).replace("SLA", "").trim();
  expect(bumpedWorkOrder).toMatch(new RegExp(`^BK-${t}-\\d$`));
  await expectAccessible(page);
  const rank = (await bumping.locator("span").first().innerText()).trim();
  await bumping.getByRole("button", { name: `Approve option ${rank}` }).click();
  await bumping.getByRole("button", { name: "Confirm approval" }).click();
  // the re-plan may still be on its way: its own status line sits beside the approval message
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expect(page.getByTestId("urgent-status")).toContainText("Approved by");
  await expectAccessible(page);

  // the same work order again shows the existing request, not a second reshuffle
  await page.goto("/urgent");
  await expect(page.getByLabel("Work order")).toBeVisible();
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("What is wrong").fill("Same call again");
  await page.getByLabel("Required skills").fill("HVAC");
  await page.getByLabel(/Must be seen by/).fill(chicagoLocal(5));
  await pickCustomer(page, "Lakeside Restaurant");
  await page.getByRole("button", { name: "Find options" }).click();
  await expect(page.getByText(`Work order ${workOrder} was already entered`)).toBeVisible();
  await expectAccessible(page);
  const requestUrl = page.url().replace(/\?.*$/, "");

  // the board shows the urgent job
  await page.goto(`/schedules?date=${TODAY}`);
  await expect(page.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`).first()).toBeAttached();
  await expectAccessible(page);

  // the bumped customer's notice waits in the outbox
  await page.goto("/outbox");
  await expect(page.locator("main")).toContainText(bumpedWorkOrder);
  await expect(page.locator("main")).toContainText("Reschedule");
  await expectAccessible(page);

  // the bump list as CSV
  const id = requestUrl.split("/").pop()!;
  const csv = await page.request.get(`/api/exports/bump-list?request=${id}`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = (await csv.text()).replace(/^\uFEFF/, "");
  const [header, ...rows] = text.trim().split(/\r\n/);
  expect(header).toBe("work_order,customer,old_window,new_window,technician_before,technician_after,added_travel_min,reason");
  expect(rows.some((r) => r.startsWith(bumpedWorkOrder + ","))).toBe(true);
});

test("a refrigeration emergency on a full day gets several real options, the day re-planned by the optimiser among them, and the re-plan can be approved", async ({ page }) => {
  // a company of the test's own: three refrigeration technicians, each booked with three
  // visits from two hours after the planning clock, so the emergency fits only by moving work
  test.setTimeout(300_000);
  const t = randomBytes(3).toString("hex");
  await page.setViewportSize({ width: 1440, height: 900 });
  await createCompany(page, { name: `Replan Test ${t}` });
  const week = "06:00-21:00,".repeat(7).slice(0, -1);
  const techs = ["Cy Replan", "Di Replan", "Ed Replan"];
  await importCsv(page, "Technicians", [
    "name,skills,home_lat,home_lng,home_address,mon,tue,wed,thu,fri,sat,sun",
    ...techs.map((name, i) => `${name},"refrigeration,HVAC",${(41.88 + i * 0.01).toFixed(3)},-87.640,${200 + i} N Wells St,${week}`),
  ]);
  const customers = Array.from({ length: 9 }, (_, i) => `Cold Store ${i + 1}`);
  await importCsv(page, "Customers", [
    "name,phone,address,city,lat,lng",
    `Market Grocer,+13125550140,40 W Lake St,Chicago,41.885,-87.630`,
    ...customers.map((c, i) => `${c},+1312555015${i},${300 + i} W Randolph St,Chicago,${(41.878 + i * 0.003).toFixed(3)},${(-87.645 + i * 0.002).toFixed(3)}`),
  ]);
  const base = wallClock(CLOCK, "America/Chicago").hour + 2;
  const at = (minutes: number) => `${TODAY} ${String(base + Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const slots = [[0, 120], [150, 270], [300, 420]];
  await importCsv(page, "Board (jobs and assignments)", [
    "work_order,customer,description,priority,estimated_minutes,required_skills,technician,start,end",
    ...customers.map((c, i) => {
      const [from, to] = slots[i % 3];
      return `RP-${t}-${i + 1},${c},Cold room service,Normal,120,refrigeration,${techs[Math.floor(i / 3)]},${at(from)},${at(to)}`;
    }),
  ]);

  const workOrder = `URG-R${t.toUpperCase()}`;
  await page.goto("/urgent");
  await expect(page.getByLabel("Work order")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Work order").fill(workOrder);
  await page.getByLabel("What is wrong").fill("Walk-in freezer not holding temperature");
  await page.getByLabel("Required skills").fill("refrigeration");
  await page.getByLabel("Duration (minutes)").fill("60");
  await page.getByLabel(/Must be seen by/).fill(at(210).replace(" ", "T"));
  await pickCustomer(page, "Market Grocer");
  await page.getByRole("button", { name: "Find options" }).click();
  await expect(page).toHaveURL(/\/urgent\/[0-9a-f-]{36}$/);

  // the ranked options come first; the optimiser's re-plan arrives after a few seconds
  // (a re-plan that cannot be made says why in the status line, which the first check shows)
  const replan = page.getByTestId("bump-option").filter({ hasText: "Re-plan the day" });
  await expect(replan.or(page.getByTestId("replan-status").filter({ hasText: "No “re-plan the day” option" }))).toHaveText(/Re-plan the day/, { timeout: 60_000 });
  await expect(replan).toHaveCount(1);
  await expect(page.getByTestId("replan-status")).toHaveCount(0);
  const options = page.getByTestId("bump-option");
  expect(await options.count()).toBeGreaterThanOrEqual(3);
  // distinct options: no two put the urgent job with the same technician at the same time and move the same jobs
  const texts = await options.allInnerTexts();
  expect(new Set(texts.map((t) => t.replace(/^\d+/, ""))).size).toBe(texts.length);
  // the re-plan says what it does in words: moves inside each customer's window, harm and travel
  await expect(replan).toContainText("The route optimiser re-planned");
  await expect(replan).toContainText(/harm -?\d/);
  await expect(replan.getByTestId("bumped-job").first()).toContainText("inside its");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/urgent-replan.png", fullPage: false });

  const rank = (await replan.locator("span").first().innerText()).trim();
  await replan.getByRole("button", { name: `Approve option ${rank}` }).click();
  await replan.getByRole("button", { name: "Confirm approval" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Approved." })).toBeVisible();
  await expect(page.getByTestId("urgent-status")).toContainText("Approved by");
  await page.goto(`/schedules?date=${TODAY}`);
  await expect(page.locator(`[data-testid=job-block][data-work-order="${workOrder}"]`).first()).toBeAttached();
  await expectAccessible(page);
});
