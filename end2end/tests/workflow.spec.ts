import { test, expect } from "@playwright/test";

// The specialist's whole workflow from the keyboard: search, move, copy for the phone, open the
// document, come back; the glossary in place; the language switch for answers and interface.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("keyboard only: search, move, copy for phone, open, back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  // The box has focus on arrival; from anywhere else, / brings it back.
  await page.locator("#q").blur();
  await page.keyboard.press("/");
  await expect(page.locator("#q")).toBeFocused();
  await page.keyboard.type("how long does maintenance last", { delay: 10 });
  const card = page.locator(".answer-card");
  await expect(card).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowUp");
  await expect(page.locator(".hit").first()).toHaveClass(/selected/);
  await page.keyboard.press("Alt+p");
  await expect(page.locator(".toast")).toHaveText("Copied for the phone");
  const spoken = await page.evaluate(() => navigator.clipboard.readText());
  expect(spoken.length).toBeGreaterThan(40);
  expect(spoken).not.toContain("http");
  expect(spoken).not.toContain("Source:");
  const passage = (await card.getAttribute("data-passage"))!;
  await page.locator("#q").press("Enter");
  const [doc, slug] = passage.split("#");
  await expect(page).toHaveURL(new RegExp(`/doc/${doc}#${slug}$`));
  await expect(page.locator(`section#${slug}`)).toBeInViewport();
  await page.goBack();
  await expect(page).toHaveURL(/\?q=how(\+|%20)long(\+|%20)does(\+|%20)maintenance(\+|%20)last/);
  await expect(page.locator(".answer-card")).toHaveAttribute("data-passage", passage);
});

test("a glossary term in an answer shows its definition on focus", async ({ page }) => {
  await page.goto("/?q=how+long+does+maintenance+last");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const term = page.locator(".answer-card dfn.gloss").first();
  await expect(term).toBeVisible();
  const definition = (await term.getAttribute("data-def"))!;
  expect(definition.length).toBeGreaterThan(10);
  await term.focus();
  const shown = await term.evaluate((el) => getComputedStyle(el, "::after").content);
  expect(shown).toContain(definition.slice(0, 20));
});

test("the language switch changes the answers and the interface", async ({ page }) => {
  await page.goto("/?q=maintenance");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".search-button")).toHaveText("Search");
  await page.locator("#lang").selectOption("es");
  await expect(page).toHaveURL(/lang=es/);
  await expect(page.locator(".search-button")).toHaveText("Buscar");
  await expect(page.locator(".answer-card")).toHaveAttribute("lang", "es");
  // The twin in the other language is one key away.
  await page.locator(".answer-card").click();
  const twin = page.locator(".answer-card a.twin");
  await expect(twin).toHaveText("In English");
  await page.keyboard.press("t");
  await expect(page).toHaveURL(/\/doc\/[a-z-]+#/);
  await expect(page.locator("article.doc")).toHaveAttribute("lang", "en");
});
