import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { ROOT } from "./test-server.ts";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Screenshots the journeys take land here (not committed; the README's come from docs/screenshots). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(ROOT, "test-results", "screenshots");

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the standard public-sector services must meet. */
const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

type AxeNode = { target: string[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** The WCAG 2.2 AA violations axe-core finds on the page as it is now, of any impact. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core is injected into the page as a global.
    const axe = (window as any).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), failureSummary: n.failureSummary })),
    }));
  }, WCAG_22_AA);
}

function describe(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}  ${n.html}`).join("\n")}`)
    .join("\n");
}

/** What one page visited in a journey was checked for, kept so a suite can report them together. */
export type PageCheck = { name: string; url: string; violations: AxeViolation[] };

/**
 * Check the page as a user sees it now: no serious or critical WCAG 2.2 AA violation (axe-core),
 * and a screenshot named `name` written to SCREENSHOT_DIR. Throws with every violation listed.
 */
export async function checkPage(page: Page, name: string): Promise<PageCheck> {
  // Wait for fonts and for Solid to settle, so the screenshot and the audit see the same page.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const violations = await axeViolations(page);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // The whole page, down to at most 1,800 px: long forms would otherwise make pictures of megabytes.
  const size = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  await page.screenshot({
    path: path.join(SCREENSHOT_DIR, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: size.width, height: Math.min(size.height, 1800) },
  });
  const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (blocking.length) throw new Error(`${name} (${page.url()}): WCAG 2.2 AA violations\n${describe(blocking)}`);
  return { name, url: page.url(), violations };
}

/**
 * WCAG 1.4.10 Reflow: at the page's current width nothing makes the page itself scroll sideways.
 * A PDF page is two-dimensional content and may scroll inside its own viewer, which is allowed.
 */
export async function assertReflows(page: Page, name: string): Promise<void> {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth;
    if (wide <= width + 1) return null;
    const culprits = [...document.querySelectorAll<HTMLElement>("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".app-pdf-viewer__pages, .app-table-scroll"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { width, wide, culprits };
  });
  if (overflow) {
    throw new Error(`${name}: the page scrolls sideways at ${overflow.width}px (content ${overflow.wide}px wide): ${overflow.culprits.join("; ")}`);
  }
}

/**
 * The element with the keyboard focus shows it (WCAG 2.4.7 and 2.4.11): GOV.UK draws focus as a
 * yellow background or outline with a black bar, so either an outline, a box shadow or a changed
 * background must be there, and the element must not be hidden behind anything.
 */
export async function assertVisibleFocus(page: Page): Promise<string> {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { ok: false, what: "nothing has focus" };
    // GOV.UK radios and checkboxes hide the input itself and draw its focus around the label's box.
    const label = el.matches(".govuk-radios__input, .govuk-checkboxes__input") ? el.nextElementSibling : null;
    const style = label ? getComputedStyle(label, "::before") : getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== "none";
    const yellow = style.backgroundColor === "rgb(255, 221, 0)";
    const box = el.getBoundingClientRect();
    const onScreen = box.width > 0 && box.height > 0;
    const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return { ok: (outline || shadow || yellow) && onScreen, what };
  });
  if (!focus.ok) throw new Error(`focus is not visible on ${focus.what}`);
  return focus.what;
}

/**
 * Press Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, checking at
 * each stop that the focus can be seen. Fails after `limit` presses.
 */
export async function tabTo(page: Page, target: Locator, { limit = 80, backwards = false } = {}): Promise<void> {
  await target.waitFor({ timeout: 10_000 });
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((el) => el === document.activeElement, undefined, { timeout: 1000 })) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
    // Every stop on the way must show where the focus is, not only the last.
    if (await page.evaluate(() => document.activeElement !== document.body)) await assertVisibleFocus(page);
  }
  throw new Error(`could not reach ${target} with ${limit} presses of Tab`);
}
