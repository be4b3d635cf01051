// `cargo leptos end-to-end` starts the server and the tests together: wait until the server
// answers its health check before any test runs.
export default async function globalSetup() {
  const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${base} did not come up`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
