import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// The pane benchmark (scripts/bench-pane): the same browser and sign-in as the tests, one
// long run, its figures printed rather than asserted.
export default defineConfig({
  ...base,
  testDir: "./bench",
  timeout: 600_000,
});
