import { test, expect, Browser, Page } from "@playwright/test";
import * as path from "path";
import { signIn } from "./sign-in";

// Supervisors teach the search: a specialist's search finds nothing, a supervisor links that
// search (from the content-gap queue) to the passage that answers it, and the next identical
// search shows the linked passage first.
const SHOTS = path.join(__dirname, "..", "..", "docs", "screenshots");

/// Letters only (numbers are redacted from the log), different on every run.
function nonsense(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  let word = "";
  for (let i = 0; i < 9; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `${word} ${word.split("").reverse().join("")}`;
}

async function linkFromGapQueue(a: Page, query: string): Promise<string> {
  await a.goto("/review/gaps");
  const row = a.locator("table.gaps tbody tr", { hasText: query });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: "Link to a passage" }).click();
  await expect(a.locator("h1")).toHaveText("Query links");
  await expect(a.locator("#link-group-title")).toContainText(query);
  await a.locator("#link-search").fill("how long does maintenance last");
  await a.getByRole("button", { name: "Search", exact: true }).click();
  // The heading still names the search being linked, not the words searched for.
  await expect(a.locator("#link-group-title")).toContainText(query);
  const candidate = a.locator("li.link-candidate").first();
  await expect(candidate).toBeVisible();
  const passage = (await candidate.getAttribute("data-passage")) ?? "";
  expect(passage).toContain("#");
  await candidate.getByRole("button", { name: "Link to this passage" }).click();
  return passage;
}

test("a supervisor links a search that found nothing, and the same search then shows the passage first", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const query = nonsense();
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  await expect(page.locator(".no-results")).toBeVisible();

  const a = await signIn(browser, "e2e-supervisor", process.env.E2E_SUPERVISOR_PASSWORD ?? "");
  const passage = await linkFromGapQueue(a, query);
  await expect(a.locator(".notice[role=status]")).toContainText("now show");
  const link = a.locator("table.links tbody tr", { hasText: query });
  await expect(link).toHaveCount(1);
  await a.setViewportSize({ width: 1280, height: 800 });
  await a.screenshot({ path: path.join(SHOTS, "query-links.png") });

  // The same words again: the linked passage answers.
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  await expect(page.locator(".answer-card")).toHaveAttribute("data-passage", passage);

  // The passage's review page says how else it is found; removing the link undoes it.
  const doc = passage.split("#")[0];
  await a.goto(`/review/doc/${doc}`);
  await expect(a.locator(`[data-passage="${passage}"] .found-by`)).toContainText(query);
  await a.goto("/review/links");
  await a.locator("table.links tbody tr", { hasText: query }).getByRole("button", { name: "Remove" }).click();
  await expect(a.locator("table.links tbody tr", { hasText: query })).toHaveCount(0);
  await page.goto(`/?q=${encodeURIComponent(query)}`);
  await expect(page.locator(".no-results")).toBeVisible();
  await a.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("linking works with plain forms", async ({ page, browser }) => {
    const query = nonsense();
    await page.goto(`/?q=${encodeURIComponent(query)}`);
    await expect(page.locator(".no-results")).toBeVisible();
    const a = await signIn(browser, "e2e-admin", process.env.E2E_ADMIN_PASSWORD ?? "", false);
    const passage = await linkFromGapQueue(a, query);
    // A plain form post lands on the list too, and the list confirms the link.
    await expect(a.locator(".notice[role=status]")).toContainText("now show");
    await expect(a.locator("table.links tbody tr", { hasText: query })).toHaveCount(1);
    await page.goto(`/?q=${encodeURIComponent(query)}`);
    await expect(page.locator(".answer-card")).toHaveAttribute("data-passage", passage);
    await a.context().close();
  });
});
