import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** The WCAG 2.1 A and AA rules axe-core checks. */
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Each rule axe-core finds broken on the page as it is now, with the elements it found. */
async function violationsOf(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(" | ")}`);
}

/**
 * Runs axe-core on the page and fails on any violation, listing each rule with the
 * elements it found (so a failure says what to fix). A page refreshed after a server
 * action lays its <title> anew while the new payload streams in, so axe is asked
 * again for a few seconds until the page has settled; a violation that stays fails.
 */
export async function expectAccessible(page: Page): Promise<void> {
  await expect
    .poll(() => violationsOf(page), { message: `axe-core on ${page.url()}`, timeout: 10_000, intervals: [250, 500, 1_000] })
    .toEqual([]);
}
