import { test, expect, Browser, Page } from "@playwright/test";
import * as path from "path";
import { signIn } from "./sign-in";

// Editing and publishing end to end: a specialist suggests new wording from the answer pane,
// supervisor A (the e2e admin) edits it and submits it, supervisor B approves it, and the
// specialist's pane shows the new wording; the history shows the change word by word.
const SHOTS = path.join(__dirname, "..", "..", "docs", "screenshots");

test("a suggestion is edited by one supervisor, approved by another and reaches the pane", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await page.goto("/?q=how+long+does+maintenance+last");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const card = page.locator(".answer-card");
  await expect(card).toBeVisible();
  const passage = (await card.getAttribute("data-passage")) ?? "";
  const doc = passage.split("#")[0];
  await card.locator("a.suggest-link").click();
  await expect(page.locator("h1")).toHaveText("Suggest new wording");
  const wording = page.locator("#suggest-text");
  await wording.fill((await wording.inputValue()) + "\n\nAsk the care team for the exact schedule.");
  await page.locator("#suggest-note").fill("Callers ask who sets the schedule");
  await page.getByRole("button", { name: "Send to the supervisors" }).click();
  await expect(page.locator(".notice[role=status]")).toContainText("a supervisor will review");

  // Supervisor A finds the suggestion in the queue, edits it (the preview follows) and submits.
  const a = await signIn(browser, "e2e-admin", process.env.E2E_ADMIN_PASSWORD ?? "");
  await a.goto("/review");
  const suggestion = a.locator("ul.drafts li", { hasText: `${doc} — suggested` }).first();
  await suggestion.locator("a").click();
  await expect(a.locator("h1")).toContainText("Edit:");
  await expect(a.locator("body")).toHaveAttribute("data-hydrated", "true");
  const body = a.locator("#f-body");
  const text = await body.inputValue();
  expect(text).toContain("Ask the care team for the exact schedule.");
  await body.fill(text.replace("Ask the care team for the exact schedule.", "Ask the care team (the zephyr nurse line) for the exact schedule."));
  await expect(a.locator(".editor-preview")).toContainText("zephyr nurse line");
  await a.getByRole("button", { name: "Save draft" }).click();
  await expect(a.locator(".facts")).toContainText("last edited by e2e-admin");
  await a.getByRole("button", { name: "Submit for approval" }).click();
  await expect(a.locator(".facts .state")).toHaveText("submitted");
  await expect(a.locator(".draft-actions")).toContainText("Waiting for another supervisor");
  const draftUrl = a.url();
  await a.context().close();

  // Supervisor B approves: published.
  const b = await signIn(browser, "e2e-supervisor", process.env.E2E_SUPERVISOR_PASSWORD ?? "");
  await b.goto(draftUrl);
  await expect(b.locator("body")).toHaveAttribute("data-hydrated", "true");
  await b.getByRole("button", { name: "Approve and publish" }).click();
  await expect(b.locator(".notice[role=status]")).toContainText("Approved and published as revision");

  // The specialist's pane shows the new wording.
  await page.goto("/?q=zephyr+nurse+line");
  await expect(page.locator(".answer-card")).toContainText("zephyr nurse line");

  // The history shows what changed, word by word.
  await b.goto(`/review/doc/${doc}/history`);
  await expect(b.locator("table.diff ins", { hasText: "zephyr nurse line" })).toBeVisible();
  await expect(b.locator("table.queue tbody tr").first()).toContainText("e2e-supervisor");
  await b.setViewportSize({ width: 1280, height: 900 });
  await b.locator("table.diff").scrollIntoViewIfNeeded();
  await b.screenshot({ path: path.join(SHOTS, "history-diff.png") });
  await b.context().close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a supervisor edits, checks and withdraws a draft with plain forms", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, storageState: { cookies: [], origins: [] } });
    const a = await context.newPage();
    await a.goto("/login");
    await a.locator("#username").fill("e2e-admin");
    await a.locator("#password").fill(process.env.E2E_ADMIN_PASSWORD ?? "");
    await a.locator("form.auth-form button[type=submit]").click();
    await a.goto("/review/doc/what-is-all/edit");
    await expect(a).toHaveURL(/\/review\/draft\/\d+$/);
    await expect(a.locator("h1")).toContainText("Edit:");
    await a.locator("#f-last_reviewed").fill("not a date");
    await a.getByRole("button", { name: "Save draft" }).click();
    await expect(a.locator(".problems .problem-error")).toContainText("last_reviewed");
    await expect(a.getByRole("button", { name: "Submit for approval" })).toBeDisabled();
    await a.getByRole("button", { name: "Withdraw draft" }).click();
    await expect(a.locator(".facts .state")).toHaveText("withdrawn");
    await a.goto("/review/doc/what-is-all/history");
    await expect(a.locator("table.queue tbody tr")).toHaveCount(1);
    await context.close();
  });
});
