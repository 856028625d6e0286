import { expect, test } from "@playwright/test";
import { signInAs } from "./support";
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

test("the API reference renders from the OpenAPI document without leaving the server", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") outside.push(r.url());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "Crewboard API reference" })).toBeVisible();
  await expect(page.getByText("Create a job").first()).toBeVisible();
  await expect(page.getByText("Enter an urgent job").first()).toBeVisible();
  expect(outside).toEqual([]);
  const doc = await page.request.get("/api/v1/openapi.json");
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
});
