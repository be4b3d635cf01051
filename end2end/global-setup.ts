import { request } from "@playwright/test";

// `cargo leptos end-to-end` starts the server and the tests together: wait until the server
// answers its health check, then sign in once through the real form and keep the cookie for
// the tests (scripts/test creates the accounts and passes their passwords in the environment).
export const STORAGE = "test-results/specialist.json";

export default async function globalSetup() {
  const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${base} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const context = await request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
  const res = await context.post("/auth/login", {
    form: { username: "e2e-specialist", password: process.env.E2E_SPECIALIST_PASSWORD ?? "", next: "/" },
    maxRedirects: 0,
  });
  if (res.status() !== 303 || !(res.headers()["set-cookie"] ?? "").includes("helpline_session")) {
    throw new Error(`signing in the test specialist failed: ${res.status()} (is E2E_SPECIALIST_PASSWORD set?)`);
  }
  await context.storageState({ path: STORAGE });
  await context.dispose();
}
