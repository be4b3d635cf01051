import { test, expect, Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { signIn } from "./sign-in";

// axe-core on every page, signed in as each role (and signed out for the sign-in pages), with
// the WCAG 2.0/2.1/2.2 A and AA rules; any violation fails the test and is listed.
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function expectNoViolations(page: Page, what: string) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`,
  );
  expect(found, `${what}:\n${found.join("\n")}`).toEqual([]);
}

const SPECIALIST_PAGES = [
  "/",
  "/?q=how+long+does+maintenance+last",
  "/?q=qqzx+nothing+here",
  "/?topic=maintenance",
  "/?q=cu%C3%A1nto+dura+el+mantenimiento&lang=es",
  "/doc/maintenance",
  "/doc/glossary",
  "/flags",
  "/no-such-page",
];
const SUPERVISOR_PAGES = ["/review", "/review/doc/maintenance", "/review/analytics", "/review/gaps"];
const ADMIN_PAGES = ["/admin/users"];

test("signed-out pages have no accessibility violations", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  for (const path of ["/login", "/setup"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  await context.close();
});

test("a specialist's pages have no accessibility violations", async ({ page }) => {
  for (const path of SPECIALIST_PAGES) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  // The shortcut sheet and an open flag form, too.
  await page.goto("/?q=lumbar+puncture");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.locator(".answer-card details.flag summary").click();
  await expectNoViolations(page, "flag form");
  await page.locator("body").press("?");
  await expectNoViolations(page, "shortcut sheet");
});

test("an admin's pages (supervisor pages included) have no accessibility violations", async ({ browser }) => {
  const page = await signIn(browser, "e2e-admin", process.env.E2E_ADMIN_PASSWORD ?? "");
  for (const path of [...SPECIALIST_PAGES, ...SUPERVISOR_PAGES, ...ADMIN_PAGES]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  await page.context().close();
});
