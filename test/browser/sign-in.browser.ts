import * as assert from "uvu/assert";
import { demoData } from "../../fixtures/demo/demo-data.ts";
import { browserSuite, openPage } from "../helpers/browser.ts";

const test = browserSuite("sign in through the development IdP in Chromium");

const expectedParty = (role: string, organisationId: string) =>
  role === "prosecutor" ? "prosecution" : role === "defence" ? `defence:${organisationId}` : "court";

for (const user of demoData.users) {
  test(`${user.id} signs in, sees their name, and signs out`, async ({ server, browser }) => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${server.url}/`);
    await page.locator("main").getByRole("link", { name: "Sign in" }).click();
    await page.waitForURL(/\/dev-idp\/sso/);
    await page.getByRole("button", { name: `Sign in as ${user.displayName}` }).click();
    await page.waitForURL(`${server.url}/cases`);
    await page.getByText(user.displayName).first().waitFor();

    const me = await page.request.get(`${server.url}/api/me`);
    assert.is(me.status(), 200);
    const body = (await me.json()) as { id: string; role: string; party: string; organisation: { id: string }; courts: string[] };
    assert.is(body.id, user.id);
    assert.is(body.role, user.role);
    assert.is(body.party, expectedParty(user.role, user.organisationId));
    assert.is(body.organisation.id, user.organisationId);
    assert.equal(body.courts, user.courts);

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "caseroom_session");
    assert.ok(session?.httpOnly, "session cookie is HttpOnly");
    assert.is(session?.sameSite, "Lax");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.locator("header, nav").getByRole("link", { name: "Sign in" }).first().waitFor();
    assert.is((await page.request.get(`${server.url}/api/me`)).status(), 401);
    assert.equal(errors, []);
    await context.close();
  });
}

test("the chooser and the response page work without JavaScript", async ({ server, browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/auth/saml/login?returnTo=/cases`);
  await page.getByRole("button", { name: "Sign in as Pat Cole" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${server.url}/cases`);
  assert.is((await page.request.get(`${server.url}/api/me`)).status(), 200);
  await context.close();
});

test.run();
