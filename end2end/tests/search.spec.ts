import { test, expect } from "@playwright/test";

test.describe("with JavaScript", () => {
  test("typing a question fills the answer pane as the specialist types", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    const box = page.locator("#q");
    await expect(box).toBeFocused();
    await box.pressSequentially("maintenance how long", { delay: 20 });

    const answer = page.locator(".answer-card");
    await expect(answer.locator(".answer-heading")).toContainText(/how long does maintenance last/i);
    await expect(answer.locator(".passage mark").first()).toBeVisible();
    await expect(answer.locator(".reviewed time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
    await expect(answer.locator(".sources li").first()).toBeVisible();
    await expect(page).toHaveURL(/\?q=maintenance\+how\+long/);
    // the typed text stays as it was typed
    await expect(box).toHaveValue("maintenance how long");
  });

  test("picking another hit shows it in the answer pane", async ({ page }) => {
    await page.goto("/?q=lumbar+puncture");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    const second = page.locator(".hit").nth(1);
    const passage = await second.getAttribute("data-passage");
    await second.locator(".hit-pick").click();
    await expect(page.locator(".answer-card")).toHaveAttribute("data-passage", passage!);
    await expect(second).toHaveClass(/selected/);
    // It came light; its whole passage, sources and copy buttons follow.
    await expect(page.locator(".answer-card .passage")).toBeVisible();
    await expect(page.locator(".answer-card .sources li").first()).toBeVisible();
    await expect(page.locator(".answer-card button.copy")).toHaveCount(2);
  });

  test("a Spanish question gets a Spanish answer", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    await page.locator("#q").pressSequentially("¿cuánto dura el mantenimiento?", { delay: 10 });
    await expect(page.locator(".answer-card")).toHaveAttribute("lang", "es");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("submitting the form renders results on the server", async ({ page }) => {
    await page.goto("/");
    await page.locator("#q").fill("maintenance how long");
    await page.locator("#q").press("Enter");
    await expect(page).toHaveURL(/\?q=maintenance\+how\+long/);
    await expect(page.locator(".answer-card .answer-heading")).toContainText(/how long does maintenance last/i);
    await expect(page.locator(".hit")).not.toHaveCount(0);
  });

  test("a query nobody can answer says so", async ({ page }) => {
    await page.goto("/?q=zzqxv+wwqz");
    await expect(page.locator(".no-results")).toBeVisible();
  });
});
