import { test, expect } from "@playwright/test";

test.describe("keyboard", () => {
  test.use({ permissions: ["clipboard-read", "clipboard-write"] });

  test("arrows move through hits, Alt+C copies the answer for chat, Esc clears", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    await page.locator("#q").pressSequentially("lumbar puncture", { delay: 15 });
    // Every keystroke searches and the card shows the answer to "lumbar punctur" first: wait
    // for the answer to the whole query, or it could replace the list (and the selection)
    // after the arrow key.
    await expect(page.locator('.results[data-query="lumbar puncture"]')).toHaveCount(1);
    const card = page.locator(".answer-card");
    await expect(card).toBeVisible();
    const first = await card.getAttribute("data-passage");

    await page.keyboard.press("ArrowDown");
    await expect(page.locator(".hit").nth(1)).toHaveClass(/selected/);
    await expect(card).not.toHaveAttribute("data-passage", first!);
    const second = await card.getAttribute("data-passage");
    // Hits after the first come light; the picked one's whole passage follows.
    await expect(card).not.toHaveClass(/loading/);
    await expect(card.locator(".passage")).toBeVisible();

    await page.keyboard.press("Alt+c");
    await expect(page.locator(".toast")).toHaveText("Copied for chat");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("Source: ");
    const heading = await card.locator(".answer-heading").textContent();
    expect(copied).toContain(heading!.trim());

    // Enter opens the selected passage in its document
    await page.locator("#q").press("Enter");
    const [docId, slug] = second!.split("#");
    await expect(page).toHaveURL(new RegExp(`/doc/${docId}#${slug}$`));
  });

  test("slash focuses the box, ? shows the shortcuts, Esc clears the search", async ({ page }) => {
    await page.goto("/?q=maintenance");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    await page.locator(".answer-card").click();
    await page.keyboard.press("?");
    await expect(page.locator(".shortcuts")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.locator(".shortcuts")).toHaveCount(0);
    await page.keyboard.press("/");
    await expect(page.locator("#q")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.locator("#q")).toHaveValue("");
    await expect(page).toHaveURL(/\/$/);
  });

  test("typing ? or c in the box types them", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    await page.locator("#q").pressSequentially("c?", { delay: 15 });
    await expect(page.locator("#q")).toHaveValue("c?");
    await expect(page.locator(".shortcuts")).toHaveCount(0);
  });
});

test("topic chips browse a topic without a query", async ({ page }) => {
  await page.goto("/");
  await page.locator(".chip", { hasText: "Maintenance" }).click();
  await expect(page).toHaveURL(/topic=maintenance/);
  await expect(page.locator(".answer-card")).toBeVisible();
  await expect(page.locator(".chip.active")).toHaveText("Maintenance");
});

test("when the server cannot be reached the last answer stays and the search runs on return", async ({ page, context }) => {
  await page.goto("/?q=maintenance");
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  const first = await page.locator(".answer-card").getAttribute("data-passage");
  await context.setOffline(true);
  await page.locator("#q").fill("");
  await page.locator("#q").pressSequentially("ommaya reservoir", { delay: 15 });
  await expect(page.locator(".offline")).toBeVisible();
  await expect(page.locator(".answer-card")).toHaveAttribute("data-passage", first!);
  await context.setOffline(false);
  await expect(page.locator(".offline")).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator(".answer-card .answer-heading")).toContainText(/ommaya/i);
});

test("recent searches stay in this browser and show on an empty box", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  await page.locator("#q").pressSequentially("spinal tap", { delay: 15 });
  await expect(page.locator(".answer-card")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator(".recent .chip", { hasText: "spinal tap" })).toBeVisible();
});
