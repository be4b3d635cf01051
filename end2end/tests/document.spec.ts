import { test, expect } from "@playwright/test";

test("a document opens at the passage anchor", async ({ page }) => {
  await page.goto("/doc/maintenance#how-long-does-maintenance-last");
  const section = page.locator("section#how-long-does-maintenance-last");
  await expect(section).toBeVisible();
  await expect(section).toBeInViewport();
  await expect(page.locator("nav.toc a[href='#how-long-does-maintenance-last']")).toBeVisible();
  await expect(page.locator(".doc-sources li").first()).toBeVisible();
});

test("the answer pane's link opens the document at its passage", async ({ page }) => {
  await page.goto("/?q=ommaya+reservoir");
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  const card = page.locator(".answer-card");
  const passage = (await card.getAttribute("data-passage"))!;
  const [docId, slug] = passage.split("#");
  await card.locator("a.open-doc").click();
  await expect(page).toHaveURL(new RegExp(`/doc/${docId}#${slug}$`));
  await expect(page.locator(`section#${slug}`)).toBeInViewport();
});

test("an unknown document is a 404 page", async ({ page }) => {
  const response = await page.goto("/doc/no-such-document");
  expect(response?.status()).toBe(404);
  await expect(page.locator("h1")).toContainText(/not found/i);
});

test("raw HTML in content never becomes markup", async ({ page }) => {
  await page.goto("/doc/maintenance");
  await expect(page.locator("article.doc script")).toHaveCount(0);
});
