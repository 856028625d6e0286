import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { BOARD_EXPORT_HEADER } from "../../lib/csv/board-csv";
import { polar, signInAs } from "./support";
import { expectAccessible } from "./axe";

const suffix = Date.now().toString(36);
const technician = polar.technicians[0];

async function openCustomersImport(page: Page) {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/imports");
  await page.getByLabel("The file holds").selectOption({ label: "Customers" });
}

const countCell = (page: Page, kind: string, which: "created" | "updated" | "unchanged") =>
  page.locator(`[data-testid=import-count][data-kind=${kind}] [data-testid=count-${which}]`);

test("a customers file with one bad row: the preview names the row and column, and nothing can be imported", async ({ page }) => {
  await openCustomersImport(page);
  const good = `Harbor Bakery ${suffix},,Chicago,41.89,-87.62,yes,${technician.name}`;
  await page.getByLabel("CSV", { exact: true }).fill(
    ["name,email,city,lat,lng,contract,preferred_technician", good, `Union Gym ${suffix},,Chicago,41.88,-87.64,no,Nobody Here`].join("\n"),
  );
  await page.getByRole("button", { name: "Preview" }).click();
  const error = page.getByTestId("import-errors-row");
  await expect(error).toHaveCount(1);
  await expect(error).toHaveAttribute("data-row", "3");
  await expect(error).toHaveAttribute("data-column", "preferred_technician");
  await expect(error).toContainText("no technician named Nobody Here in your company");
  await expect(page.getByTestId("import-errors")).toContainText("nothing will be imported");
  await expect(page.locator("[data-testid=import-row][data-row='3']")).toHaveClass(/bg-red-50/);
  await expect(page.getByRole("button", { name: "Import" })).toBeDisabled();
  await expectAccessible(page);

  // the good row alone is still new: nothing of the first file was kept
  await page.getByLabel("CSV", { exact: true }).fill(["name,email,city,lat,lng,contract,preferred_technician", good].join("\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(countCell(page, "customers", "created")).toHaveText("1");
  await expect(page.getByTestId("import-errors")).toHaveCount(0);
});

test("a good file imports all or nothing, and importing it again changes nothing", async ({ page }) => {
  await openCustomersImport(page);
  // Excel's way: a BOM, semicolons, comma decimals
  const csv = `\uFEFFName;City;Lat;Lng;Contract;Preferred Technician\r\nRidge Clinic ${suffix};Evanston;42,04;-87,68;yes;${technician.name}\r\nMaple Deli ${suffix};Oak Park;41,88;-87,78;no;\r\n`;
  await page.getByLabel("CSV file", { exact: true }).setInputFiles({ name: "customers.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await expect(page.getByText("Read customers.csv.")).toBeVisible();
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(countCell(page, "customers", "created")).toHaveText("2");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported. Customers: 2 created, 0 updated, 0 unchanged.");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Preview" }).click();
  await expect(countCell(page, "customers", "unchanged")).toHaveText("2");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported. Customers: 0 created, 0 updated, 2 unchanged.");
});

test("a board file places a visit, and the revised board downloads with it under the expected header", async ({ page }) => {
  await signInAs(page, "dispatcher@polar-air.demo");
  await page.goto("/imports");
  const day = await page.getByLabel("Day").inputValue();
  const customer = polar.customers[0];
  const workOrder = `WO-E2E-${suffix}`;
  await page.getByLabel("The file holds").selectOption({ label: "Board (jobs and assignments)" });
  await page.getByLabel("CSV", { exact: true }).fill(
    [
      "work_order,customer,address,description,priority,estimated_minutes,technician,start,end",
      `${workOrder},"${customer.name}","${customer.address}",Filter change,Normal,60,${technician.name},${day} 10:00,${day} 11:00`,
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(countCell(page, "assignments", "created")).toHaveText("1");
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText("Imported. Jobs: 1 created, 0 updated, 0 unchanged · Assignments: 1 created");
  await expectAccessible(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Revised board" }).click()]);
  expect(download.suggestedFilename()).toBe(`crewboard-board-${day}.csv`);
  const lines = (await readFile((await download.path())!, "utf8")).split("\r\n");
  expect(lines[0]).toBe(`\uFEFF${BOARD_EXPORT_HEADER.join(",")}`);
  const visit = lines.find((l) => l.startsWith(`${workOrder},`));
  expect(visit).toContain(`,${technician.name},,${day} 10:00,${day} 11:00,Scheduled,Normal,`);
});

test("exports need a session, and only admins and dispatchers open the imports page", async ({ page, request }) => {
  const anonymous = await request.get("/api/exports/board?date=2026-11-23");
  expect(anonymous.status()).toBe(401);
  await signInAs(page, "viewer@polar-air.demo");
  await page.goto("/imports");
  await expect(page.getByText("Your role cannot open imports and exports. Ask an administrator if you need it.")).toBeVisible();
  await expectAccessible(page);
});
