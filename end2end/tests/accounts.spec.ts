import { test, expect } from "@playwright/test";

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("signing in through the page leads back to where you were going", async ({ page }) => {
    await page.goto("/doc/maintenance");
    await expect(page).toHaveURL(/\/login\?next=%2Fdoc%2Fmaintenance/);
    await page.locator("#username").fill("e2e-specialist");
    await page.locator("#password").fill(process.env.E2E_SPECIALIST_PASSWORD ?? "");
    await page.locator("form.auth-form button[type=submit]").click();
    await expect(page).toHaveURL(/\/doc\/maintenance$/);
    await expect(page.locator(".user-name")).toHaveText("e2e-specialist");

    // search, then sign out
    await page.goto("/?q=lumbar+puncture");
    await expect(page.locator(".answer-card")).toBeVisible();
    await page.locator(".user-menu button", { hasText: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login\?signed_out=1/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login/);
  });

  test("a wrong password is refused without saying which part was wrong", async ({ page }) => {
    await page.goto("/login");
    await page.locator("#username").fill("e2e-specialist");
    await page.locator("#password").fill("not the right password");
    await page.locator("form.auth-form button[type=submit]").click();
    await expect(page.locator(".error")).toHaveText("Wrong user name or password.");
  });
});

test("a specialist who opens the users page is refused", async ({ page }) => {
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.locator("h1")).toHaveText("Not allowed");
});
