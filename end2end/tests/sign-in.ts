import { expect, Browser, Page } from "@playwright/test";

// Signs `name` in through the login page in a fresh browser context (no stored session), so a
// test can act as a second user beside the default signed-in specialist.
export async function signIn(browser: Browser, name: string, password: string, javaScriptEnabled = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#username").fill(name);
  await page.locator("#password").fill(password);
  await page.locator("form.auth-form button[type=submit]").click();
  await expect(page.locator(".user-name")).toHaveText(name);
  return page;
}
