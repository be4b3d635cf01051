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

test("your account page lists where you are signed in and checks the current password", async ({ page }) => {
  await page.goto("/");
  await page.locator(".user-menu a.user-name").click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.locator("h1")).toHaveText("Your account");
  await expect(page.locator("table.sessions")).toContainText("this browser");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.locator("#current").fill("not the current password");
  await page.locator("#new_password").fill("amber willow stream 4821");
  await page.locator("form.auth-form button[type=submit]").click();
  await expect(page.locator(".error")).toContainText("current password is wrong");
});
