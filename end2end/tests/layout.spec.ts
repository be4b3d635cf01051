import { test, expect, Page } from "@playwright/test";
import * as path from "path";

// Where the pane is used: a 360 px side panel next to a chat window, a full screen, 200% zoom
// (a 1280 px window at 200% lays out like a 640 px one), high contrast and reduced motion.
// The screenshots in README are taken here, from the real app.
const SHOTS = path.join(__dirname, "..", "..", "docs", "screenshots");

async function noSideways(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

test("the pane fits a 360 px side panel", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/?q=how+long+does+maintenance+last");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".answer-card")).toBeVisible();
  await expect(page.locator("#q")).toBeVisible();
  await noSideways(page, "the pane at 360 px");
  const box = await page.locator(".answer-card").boundingBox();
  expect(box!.width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.join(SHOTS, "pane-narrow.png") });
  await page.goto("/doc/maintenance");
  await noSideways(page, "a document at 360 px");
});

test("in a 360×640 side panel the answer starts on the first screen", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await page.goto("/?q=how+long+does+maintenance+last");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  const card = page.locator(".answer-card");
  // The heading whole, and the passage's first line, without scrolling.
  await expect(card.locator(".answer-heading")).toBeInViewport({ ratio: 1 });
  const heading = await card.locator(".answer-heading").boundingBox();
  const passage = await card.locator(".passage").boundingBox();
  expect(heading!.y + heading!.height).toBeLessThanOrEqual(640);
  expect(passage!.y + 24).toBeLessThanOrEqual(640);
  // The bar is one line; the navigation folds behind the menu button and opens on a click.
  const bar = await page.locator(".topbar").boundingBox();
  expect(bar!.height).toBeLessThanOrEqual(56);
  await expect(page.locator(".user-menu a.user-name")).toBeHidden();
  await page.locator(".menu-button").click();
  await expect(page.locator(".user-menu a.user-name")).toBeVisible();
  await page.locator(".menu-button").click();
  // Topic chips keep to one row that scrolls by itself, not the page.
  const chips = page.locator(".topics .chip");
  const first = await chips.first().boundingBox();
  const last = await chips.last().boundingBox();
  expect(Math.abs(first!.y - last!.y)).toBeLessThan(2);
  // The language choice sits beside the box.
  const input = await page.locator("#q").boundingBox();
  const lang = await page.locator("#lang").boundingBox();
  expect(Math.abs(input!.y - lang!.y)).toBeLessThan(input!.height);
  await noSideways(page, "the side panel at 360×640");
  await page.screenshot({ path: path.join(SHOTS, "pane-side-panel.png") });
});

test("on a wide screen the navigation stands in the bar", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto("/");
  await expect(page.locator(".user-menu a.user-name")).toBeVisible();
  await expect(page.locator(".menu-button")).toBeHidden();
});

test("the pane on a full screen", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.goto("/?q=how+long+does+maintenance+last");
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.locator(".answer-card")).toBeVisible();
  await expect(page.locator(".hit-list")).toBeVisible();
  await noSideways(page, "the pane at 1366 px");
  await page.screenshot({ path: path.join(SHOTS, "pane-wide.png") });
});

test("200% zoom keeps everything reachable without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  for (const url of ["/?q=lumbar+puncture", "/doc/maintenance", "/flags"]) {
    await page.goto(url);
    await noSideways(page, `${url} at 200%`);
  }
});

test("high contrast and reduced motion are respected", async ({ page }) => {
  await page.emulateMedia({ forcedColors: "active", reducedMotion: "reduce" });
  await page.goto("/?q=lumbar+puncture");
  await expect(page.locator(".answer-card")).toBeVisible();
  // In forced colours the marks keep a visible outline, not only a background colour.
  const outline = await page.locator(".answer-card mark").first().evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
  // With reduced motion nothing animates or transitions.
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll("*")].filter((el) => {
      const s = getComputedStyle(el);
      const seconds = (v: string) => v.split(",").some((d) => parseFloat(d) > 0.01);
      return seconds(s.animationDuration) || seconds(s.transitionDuration);
    }).length,
  );
  expect(moving).toBe(0);
});

test("the status bar shows the helpline's time and chat state from the configured clock", async ({ page }) => {
  // scripts/test starts the server with HELPLINE_CLOCK=2026-12-04T18:29:00-06:00: a Friday,
  // one minute before live chat closes.
  await page.goto("/");
  const bar = page.locator(".status-bar");
  await expect(bar.locator(".status-time")).toHaveText("Fri 6:29 PM CST");
  await expect(bar.locator(".status-chat")).toHaveText(/open.*Fri 6:30 PM CST/i);
  await expect(bar.locator(".status-phone")).toContainText("24");
});
