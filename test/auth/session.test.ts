import fs from "node:fs";
import path from "node:path";
import * as assert from "uvu/assert";
import { suite } from "uvu";
import { resolveSamlSettings } from "../../server/auth/saml-settings.ts";
import { attackerKeyPair } from "../helpers/saml-idp.ts";
import { ConfigError, loadConfig } from "../../server/config.ts";
import { apiAs, signIn } from "../helpers/sign-in.ts";
import { ROOT, startTestServer, tempDir } from "../helpers/test-server.ts";

const MINUTE = 60_000;
const test = suite("sessions and production safety");

/** A clock the test moves by hand; the server reads it for every session decision. */
function manualClock() {
  let now = Date.now();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

test("a session ends after 30 minutes idle, and activity keeps it alive until then", async () => {
  const time = manualClock();
  const server = await startTestServer({ clock: time.clock });
  try {
    const api = apiAs(server, await signIn(server, "pat.cole@cps.example"));
    assert.is((await api.get("/api/me")).status, 200);
    time.advance(29 * MINUTE);
    assert.is((await api.get("/api/me")).status, 200, "29 minutes idle");
    time.advance(29 * MINUTE);
    assert.is((await api.get("/api/me")).status, 200, "activity renewed the idle timer");
    time.advance(31 * MINUTE);
    const expired = await api.get("/api/me");
    assert.is(expired.status, 401, "31 minutes idle");
    assert.is((expired.body as { error: { code: string } }).error.code, "auth.required");
  } finally {
    await server.close();
  }
});

test("a session ends 12 hours after sign-in however active it is", async () => {
  const time = manualClock();
  const server = await startTestServer({ clock: time.clock });
  try {
    const api = apiAs(server, await signIn(server, "lee.adams@court.example"));
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      time.advance(20 * MINUTE);
      const status = (await api.get("/api/me")).status;
      assert.is(status, elapsed + 20 <= 12 * 60 ? 200 : 401, `after ${elapsed + 20} minutes`);
    }
    time.advance(20 * MINUTE);
    assert.is((await api.get("/api/me")).status, 401);
  } finally {
    await server.close();
  }
});

test("only a hash of the session token is stored", async () => {
  const server = await startTestServer();
  try {
    const cookie = await signIn(server, "amy.hart@hart-defence.example");
    const token = /caseroom_session=([^;]+)/.exec(cookie)?.[1] ?? "";
    assert.ok(token.length >= 40);
    const file = fs.readFileSync(path.join(server.dataDir, "caseroom.sqlite"));
    const wal = fs.existsSync(path.join(server.dataDir, "caseroom.sqlite-wal")) ? fs.readFileSync(path.join(server.dataDir, "caseroom.sqlite-wal")) : Buffer.alloc(0);
    assert.not.ok(file.includes(token) || wal.includes(token), "raw token found in the database");
  } finally {
    await server.close();
  }
});

const production = (env: Record<string, string>) =>
  loadConfig({ NODE_ENV: "production", BASE_URL: "https://caseroom.example", SESSION_SECRET: "s".repeat(40), ...env });

test("production refuses the development IdP", () => {
  assert.throws(() => resolveSamlSettings(production({}), ROOT), (e: unknown) => e instanceof ConfigError && /development IdP/.test(String(e)));
});

test("production refuses the fixture certificate, by path or as a copy", () => {
  const idp = { SAML_IDP_SSO_URL: "https://idp.example/sso", SAML_IDP_ENTITY_ID: "https://idp.example" };
  assert.throws(
    () => resolveSamlSettings(production({ ...idp, SAML_IDP_CERT_FILE: path.join(ROOT, "fixtures/saml/dev-idp.crt") }), ROOT),
    /test key or certificate/,
  );
  const dir = tempDir();
  const copy = path.join(dir, "idp.crt");
  fs.copyFileSync(path.join(ROOT, "fixtures/saml/dev-idp.crt"), copy);
  const key = path.join(dir, "sp.key");
  fs.copyFileSync(path.join(ROOT, "fixtures/saml/dev-idp.key"), key);
  try {
    assert.throws(() => resolveSamlSettings(production({ ...idp, SAML_IDP_CERT_FILE: copy }), ROOT), /SAML_IDP_CERT_FILE/);
    assert.throws(
      () => resolveSamlSettings(production({ ...idp, SAML_IDP_CERT_FILE: path.join(ROOT, "package.json"), SAML_SP_KEY_FILE: key }), ROOT),
      /SAML_SP_KEY_FILE|no certificate/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("production with a real IdP certificate starts, with __Host- Secure cookies", async () => {
  const dir = tempDir();
  const cert = path.join(dir, "idp.crt");
  fs.writeFileSync(cert, attackerKeyPair().cert);
  const server = await startTestServer({
    demo: false,
    env: {
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(40),
      SAML_IDP_SSO_URL: "https://idp.example/sso",
      SAML_IDP_ENTITY_ID: "https://idp.example",
      SAML_IDP_CERT_FILE: cert,
    },
    httpsBaseUrl: true,
  });
  try {
    const login = await fetch(`${server.url}/auth/saml/login?returnTo=/cases`, { redirect: "manual" });
    assert.is(login.status, 302);
    assert.match(login.headers.get("location") ?? "", /^https:\/\/idp\.example\/sso\?SAMLRequest=/);
    const setCookie = login.headers.getSetCookie().join("\n");
    assert.match(setCookie, /^__Host-caseroom_login=[^;]+; path=\/; (expires=[^;]+; )?samesite=none; secure; httponly/m);
    assert.is((await fetch(`${server.url}/dev-idp/sso`)).status, 404, "no development IdP in production");
    assert.match((await fetch(`${server.url}/healthz`)).headers.get("strict-transport-security") ?? "", /max-age=63072000/);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
