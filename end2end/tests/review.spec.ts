import { test, expect, Browser, Page } from "@playwright/test";
import { signIn } from "./sign-in";

// The supervisor workspace end to end: a specialist flags a passage from the answer pane, a
// supervisor (the e2e admin) finds it in the review queue, resolves it and marks the document
// reviewed; a search the content cannot answer reaches the content-gap queue.

test("a flag goes from the pane to the review queue and is resolved", async ({ page, browser }) => {
  await page.goto("/?q=lumbar+puncture");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const card = page.locator(".answer-card");
  await expect(card).toBeVisible();
  const passage = (await card.getAttribute("data-passage")) ?? "";
  const doc = passage.split("#")[0];
  await card.locator("details.flag summary").click();
  await card.locator("details.flag select[name=reason]").selectOption("unclear");
  await card.locator("details.flag textarea[name=note]").fill("Say whether it hurts");
  await card.locator("details.flag button[type=submit]").click();
  await expect(card.locator("details.flag [role=status]")).toContainText("Flagged");

  await page.goto("/flags");
  await expect(page.locator(".my-flags li")).toContainText("unclear");

  const admin = await signIn(browser, "e2e-admin", process.env.E2E_ADMIN_PASSWORD ?? "");
  await admin.goto("/review");
  const row = admin.locator(`tr[data-doc="${doc}"]`);
  await expect(row.locator("td.num")).toHaveText("1");
  await row.locator("a").click();
  await expect(admin.locator("h1")).toContainText("Review:");
  await expect(admin.locator("body")).toHaveAttribute("data-hydrated", "true");
  const flag = admin.locator(".flag-card.open");
  await expect(flag).toContainText("Say whether it hurts");
  await flag.locator("input[name=note]").fill("Added a sentence on pain");
  await flag.locator("button[type=submit]").click();
  await expect(admin.locator(".flag-card.open")).toHaveCount(0);
  await admin.locator("#review-note").fill("Checked against the fact sheet");
  await admin.getByRole("button", { name: "Mark reviewed" }).click();
  await expect(admin.locator("[role=status]", { hasText: "Marked reviewed" })).toBeVisible();
  await expect(admin.locator(".facts")).toContainText("by e2e-admin");

  await admin.goto("/review");
  await expect(admin.locator(`tr[data-doc="${doc}"] td.num`)).toHaveText("0");
  await admin.context().close();
});

test("an unanswered search reaches the content-gap queue and gets an owner", async ({ page, browser }) => {
  await page.goto("/?q=qqzx+vvbn+wwrt");
  await expect(page.locator(".no-results")).toBeVisible();

  const admin = await signIn(browser, "e2e-admin", process.env.E2E_ADMIN_PASSWORD ?? "");
  await admin.goto("/review/gaps");
  await expect(admin.locator("body")).toHaveAttribute("data-hydrated", "true");
  const row = admin.locator("tr", { hasText: "qqzx vvbn wwrt" });
  await expect(row).toBeVisible();
  await row.getByPlaceholder("owner").fill("Clinical content team");
  await row.getByRole("button", { name: "Assign" }).click();
  await expect(admin.locator("tr", { hasText: "qqzx vvbn wwrt" })).toContainText("assigned — Clinical content team");

  await admin.goto("/review/analytics");
  await expect(admin.locator("svg.chart")).toHaveCount(2);
  await expect(admin.locator("section", { hasText: "Searches with no result" })).toContainText("qqzx vvbn wwrt");
  await admin.context().close();
});

test("a specialist cannot open the review pages", async ({ page }) => {
  for (const path of ["/review", "/review/analytics", "/review/gaps", "/review/doc/maintenance"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
  }
});
