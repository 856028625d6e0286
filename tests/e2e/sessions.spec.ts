import { expect, test } from "@playwright/test";
import { createCompany } from "./support";
import { expectAccessible } from "./axe";

// signing up hashes a password (scrypt, N = 2^17): slow on a busy machine
test.describe.configure({ timeout: 240_000 });

test("signing out ends the session on the server: a copied cookie stops working", async ({ page, browser }) => {
  await createCompany(page);
  const copied = await page.context().cookies();
  const thief = await browser.newContext();
  try {
    await thief.addCookies(copied);
    const other = await thief.newPage();
    await other.goto("/schedules");
    await expect(other).toHaveURL(/\/schedules/);
    await expectAccessible(other);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectAccessible(page);

    await other.goto("/schedules");
    await expect(other).toHaveURL(/\/login/);
    const stream = await other.request.get("/api/board/events");
    expect(stream.status()).toBe(401);
  } finally {
    await thief.close();
  }
});
