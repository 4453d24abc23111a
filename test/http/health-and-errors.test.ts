import * as assert from "uvu/assert";
import { suite } from "uvu";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

const test = suite<{ server: TestServer }>("health, readiness and errors", { server: undefined as unknown as TestServer });

test.before(async (context) => {
  context.server = await startTestServer({ demo: false });
});
test.after(async ({ server }) => {
  await server.close();
});

test("GET /healthz answers ok", async ({ server }) => {
  const res = await fetch(`${server.url}/healthz`);
  assert.is(res.status, 200);
  assert.equal(await res.json(), { status: "ok" });
});

test("GET /readyz answers ready while the store answers", async ({ server }) => {
  const res = await fetch(`${server.url}/readyz`);
  assert.is(res.status, 200);
  assert.equal(await res.json(), { status: "ready", store: "ok", redis: "not configured" });
});

test("any API call without a session answers 401 auth.required, known route or not", async ({ server }) => {
  for (const path of ["/api/cases", "/api/me", "/api/no-such-thing"]) {
    const res = await fetch(`${server.url}${path}`);
    assert.is(res.status, 401, path);
    assert.is(((await res.json()) as { error: { code: string } }).error.code, "auth.required");
  }
});

test("an unknown auth route answers 404 with a stable code and no stack trace", async ({ server }) => {
  const res = await fetch(`${server.url}/auth/no-such-thing`);
  assert.is(res.status, 404);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  assert.is(body.error.code, "route.not_found");
  assert.is(body.error.message, "Page not found.");
  assert.not.match(JSON.stringify(body), /at .*\.ts:\d+/);
});

test("a mutation without the CSRF header is refused with 403 request.csrf", async ({ server }) => {
  const res = await fetch(`${server.url}/api/associations`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  assert.is(res.status, 403);
  assert.is(((await res.json()) as { error: { code: string } }).error.code, "request.csrf");
});

test("a mutation from another origin is refused even with the header", async ({ server }) => {
  const res = await fetch(`${server.url}/api/associations`, {
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json", "x-requested-with": "caseroom", origin: "https://evil.example" },
  });
  assert.is(res.status, 403);
});

test("responses carry a strict CSP and nosniff", async ({ server }) => {
  const res = await fetch(`${server.url}/healthz`);
  const csp = res.headers.get("content-security-policy") ?? "";
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.not.match(csp, /unsafe-inline|'unsafe-eval'/);
  assert.is(res.headers.get("x-content-type-options"), "nosniff");
  assert.is(res.headers.get("x-frame-options"), "DENY");
});

test("serves the client shell for app routes and 404 for missing assets", async ({ server }) => {
  const page = await fetch(`${server.url}/cases`, { headers: { accept: "text/html" } });
  assert.is(page.status, 200);
  assert.match(await page.text(), /<div id="app"|<div id="root"/);
  const missing = await fetch(`${server.url}/assets/missing-file.js`, { headers: { accept: "*/*" } });
  assert.is(missing.status, 404);
});

test("readiness fails with 503 once the store is closed, while liveness still answers", async () => {
  const server = await startTestServer({ demo: false });
  try {
    await server.deps.store.close();
    const ready = await fetch(`${server.url}/readyz`);
    assert.is(ready.status, 503);
    assert.is(((await ready.json()) as { error: { code: string } }).error.code, "store.unavailable");
    assert.is((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await server.close().catch(() => undefined);
  }
});

test.run();
