import * as assert from "uvu/assert";
import { suite } from "uvu";
import { ConfigError, loadConfig } from "../../server/config.ts";

const test = suite("configuration");

test("defaults run the embedded store on port 3000 with demo data", () => {
  const config = loadConfig({});
  assert.is(config.port, 3000);
  assert.is(config.baseUrl, "http://localhost:3000");
  assert.is(config.databaseUrl, undefined);
  assert.ok(config.loadDemoData);
  assert.equal(config.allowedOrigins, ["http://localhost:3000"]);
  assert.is(config.saml.spEntityId, "http://localhost:3000/auth/saml/metadata");
  assert.match(config.dataDir, /\/data$/);
});

test("names every invalid variable and nothing else", () => {
  try {
    loadConfig({ PORT: "http", BASE_URL: "not a url" });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.is((error as Error).message, "Invalid configuration: PORT, BASE_URL");
  }
});

test("production needs a session secret and a base URL, and never loads demo data", () => {
  assert.throws(() => loadConfig({ NODE_ENV: "production", BASE_URL: "https://caseroom.example" }), /SESSION_SECRET/);
  const config = loadConfig({
    NODE_ENV: "production",
    BASE_URL: "https://caseroom.example",
    SESSION_SECRET: "x".repeat(40),
  });
  assert.not.ok(config.loadDemoData);
  assert.ok(config.isProduction);
});

test.run();
