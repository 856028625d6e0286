import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.1 A and AA rules axe-core checks. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the page as it is now and fails on any violation, listing each rule
 * with the elements it found (so a failure says what to fix).
 */
export async function expectAccessible(page: Page): Promise<void> {
  // a page refreshed after a server action lays its <title> again as the new payload
  // streams in: check the page once it is whole (one that never gets a title still fails)
  await expect(page, `${page.url()} has no <title>`).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = violations.map(
    (v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`,
  );
  expect(found, `axe-core on ${page.url()}`).toEqual([]);
}
