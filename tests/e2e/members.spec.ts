import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { TEST_PASSWORD, createCompany, signIn } from "./support";
import { expectAccessible } from "./axe";

const ROLES = [
  { role: "admin", label: "Admin" },
  { role: "dispatcher", label: "Dispatcher" },
  { role: "technician", label: "Technician" },
  { role: "viewer", label: "Viewer" },
] as const;

/** As the signed-in admin: invites `email` with `role` and returns the link shown once. */
async function invite(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/settings/members");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  await expectAccessible(page);
  return page.getByLabel("Invitation link").inputValue();
}

const pathOf = (link: string) => new URL(link).pathname;

// each of these creates a company and one or two accounts: several scrypt hashes
// (N = 2^17) and sign-ins, which take many seconds on a busy machine
test.describe.configure({ timeout: 300_000 });

for (const { role, label } of ROLES) {
  test(`an invited ${role} accepts, lands signed in with that role, and can sign in again`, async ({ page, browser }) => {
    const company = await createCompany(page);
    const token = randomBytes(3).toString("hex");
    const email = `${role}-${token}@example.test`;
    const name = `Invited ${label} ${token}`;
    const link = await invite(page, email, role);
    await expect(page.locator(`[data-testid=invitation-row][data-email="${email}"]`)).toBeVisible();

    const invited = await (await browser.newContext()).newPage();
    try {
      await invited.goto(pathOf(link));
      await expect(invited.getByRole("heading", { name: `Join ${company.name}` })).toBeVisible();
      await expectAccessible(invited);
      await invited.getByLabel("Your name").fill(name);
      await invited.getByLabel("Choose a password").fill(TEST_PASSWORD);
      await invited.getByRole("button", { name: "Accept invitation" }).click();
      // a technician lands on their phone app, everyone else on the board
      const home = role === "technician" ? /\/tech/ : /\/schedules/;
      await expect(invited).toHaveURL(home);
      if (role === "technician") {
        await expect(invited.getByTestId("today")).toBeVisible();
      } else {
        await expect(invited.getByTestId("company-name")).toHaveText(company.name);
        await expect(invited.getByTestId("user-role")).toHaveText(label);
      }
      await expectAccessible(invited);

      await invited.context().clearCookies();
      await signIn(invited, email, TEST_PASSWORD);
      await expect(invited).toHaveURL(home);
      if (role !== "technician") await expect(invited.getByTestId("user-role")).toHaveText(label);

      // the link worked once
      await invited.goto(pathOf(link));
      await expect(invited.getByRole("status")).toContainText("already used");
      await expectAccessible(invited);
    } finally {
      await invited.context().close();
    }
    await page.goto("/settings/members");
    await expect(page.locator(`[data-testid=member-row][data-email="${email}"]`)).toContainText(name);
    await expectAccessible(page);
    if (role === "technician") {
      // the technician record was created and linked: the board has their lane
      await page.goto("/schedules");
      await expect(page.locator(`[data-testid=lane][data-technician="${name}"]`)).toBeVisible();
      await expectAccessible(page);
    }
  });
}

test("a resent invitation replaces the old link; a revoked one stops working", async ({ page }) => {
  await createCompany(page);
  const email = `resend-${randomBytes(3).toString("hex")}@example.test`;
  const first = await invite(page, email, "viewer");
  await page.getByRole("button", { name: `Send again to ${email}` }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent again to ${email}`);
  const second = await page.getByLabel("Invitation link").inputValue();
  expect(second).not.toBe(first);
  await page.getByRole("button", { name: `Revoke invitation for ${email}` }).click();
  await expect(page.getByRole("status")).toContainText("was revoked");
  await expect(page.locator(`[data-testid=invitation-row][data-email="${email}"]`)).toHaveCount(0);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto(pathOf(first));
  await expect(page.getByRole("status")).toContainText("not valid");
  await expectAccessible(page);
  await page.goto(pathOf(second));
  await expect(page.getByRole("status")).toContainText("withdrawn");
  await expectAccessible(page);
});

test("changing a member's role or removing them ends their session; the last admin stays", async ({ page, browser }) => {
  const company = await createCompany(page);
  const email = `member-${randomBytes(3).toString("hex")}@example.test`;
  const link = await invite(page, email, "dispatcher");
  const member = await (await browser.newContext()).newPage();
  try {
    await member.goto(pathOf(link));
    await member.getByLabel("Your name").fill("Dana Member");
    await member.getByLabel("Choose a password").fill(TEST_PASSWORD);
    await member.getByRole("button", { name: "Accept invitation" }).click();
    await expect(member.getByTestId("user-role")).toHaveText("Dispatcher");

    await page.goto("/settings/members");
    await page.getByLabel("Role of Dana Member").selectOption("viewer");
    await expect(page.getByRole("status")).toContainText("Dana Member is now viewer");
    await expectAccessible(page);
    await member.reload();
    await expect(member).toHaveURL(/\/login/);

    await signIn(member, email, TEST_PASSWORD);
    await expect(member.getByTestId("user-role")).toHaveText("Viewer");
    await expectAccessible(member);

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Remove Dana Member" }).click();
    await expect(page.getByRole("status")).toContainText("was removed");
    await member.reload();
    await expect(member).toHaveURL(/\/login/);

    await page.getByLabel(`Role of ${company.adminName}`).selectOption("viewer");
    await expect(page.locator("main").getByRole("alert")).toContainText("a company needs at least one admin");
    await page.reload();
    await expect(page.getByLabel(`Role of ${company.adminName}`)).toHaveValue("admin");
    await expectAccessible(page);
  } finally {
    await member.context().close();
  }
});

test("only admins open the members page", async ({ page, browser }) => {
  await createCompany(page);
  const email = `viewer-${randomBytes(3).toString("hex")}@example.test`;
  const link = await invite(page, email, "dispatcher");
  const other = await (await browser.newContext()).newPage();
  try {
    await other.goto(pathOf(link));
    await other.getByLabel("Your name").fill("Not An Admin");
    await other.getByLabel("Choose a password").fill(TEST_PASSWORD);
    await other.getByRole("button", { name: "Accept invitation" }).click();
    await expect(other).toHaveURL(/\/schedules/);
    await other.goto("/settings/members");
    await expect(other.locator("main").getByRole("alert")).toContainText("Your role cannot open the members page");
    await expectAccessible(other);
  } finally {
    await other.context().close();
  }
});
