/**
 * Sign-in depends on SAML, not on our own IdP code (DESIGN §6): a response built and signed with
 * the fixture key by a different SAML library (samlify, acting as the development IdP from its
 * metadata file) is accepted by the SP, and the same response with one character of the NameID
 * changed after signing is refused. samlify also parses the SP's own AuthnRequest on the way.
 */
import fs from "node:fs";
import path from "node:path";
import samlify from "samlify";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { getMe, postAcs, SESSION_COOKIE, spEndpoints, startLogin } from "../helpers/saml-flow.ts";
import { DEMO_USERS, DEV_IDP_ENTITY_ID, DEV_IDP_KEY } from "../helpers/saml-idp.ts";
import { ROOT, startTestServer, type TestServer } from "../helpers/test-server.ts";

// samlify validates XML against the SAML schemas only when it parses a message; here it acts as
// the IdP and parses nothing but our AuthnRequest, whose checks are not the subject of this test.
// The SP under test (node-saml) is not affected by this setting.
samlify.setSchemaValidator({ validate: () => Promise.resolve("skipped") });

const PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

/** The Response template samlify fills: the default one plus AuthnStatement and our attributes. */
const TEMPLATE =
  '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{ID}" Version="2.0" IssueInstant="{IssueInstant}" Destination="{Destination}" InResponseTo="{InResponseTo}">' +
  "<saml:Issuer>{Issuer}</saml:Issuer>" +
  '<samlp:Status><samlp:StatusCode Value="{StatusCode}"/></samlp:Status>' +
  '<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="{AssertionID}" Version="2.0" IssueInstant="{IssueInstant}">' +
  "<saml:Issuer>{Issuer}</saml:Issuer>" +
  '<saml:Subject><saml:NameID Format="{NameIDFormat}">{NameID}</saml:NameID>' +
  '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="{SubjectConfirmationDataNotOnOrAfter}" Recipient="{SubjectRecipient}" InResponseTo="{InResponseTo}"/></saml:SubjectConfirmation></saml:Subject>' +
  '<saml:Conditions NotBefore="{ConditionsNotBefore}" NotOnOrAfter="{ConditionsNotOnOrAfter}"><saml:AudienceRestriction><saml:Audience>{Audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>' +
  '<saml:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{SessionIndex}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>' +
  "{AttributeStatement}" +
  "</saml:Assertion></samlp:Response>";

const ATTRIBUTES = ["email", "displayName", "role", "organisationId", "organisationName"] as const;
const tagOf = (name: string) => `attr${name[0]?.toUpperCase() ?? ""}${name.slice(1)}`;

function createIdp() {
  return samlify.IdentityProvider({
    metadata: fs.readFileSync(path.join(ROOT, "fixtures", "saml", "dev-idp-metadata.xml")),
    privateKey: DEV_IDP_KEY,
    nameIDFormat: [PERSISTENT],
    loginResponseTemplate: {
      context: TEMPLATE,
      attributes: ATTRIBUTES.map((name) => ({
        name,
        nameFormat: "urn:oasis:names:tc:SAML:2.0:attrname-format:basic",
        valueTag: name,
        valueXsiType: "xs:string",
      })),
    },
  });
}

function createSp(server: TestServer) {
  const sp = spEndpoints(server);
  return samlify.ServiceProvider({
    entityID: sp.entityId,
    assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: sp.acs }],
    nameIDFormat: [PERSISTENT],
    wantAssertionsSigned: true,
    wantMessageSigned: true,
  });
}

/** Run one login through samlify as the IdP; returns the base64 SAMLResponse and our login. */
async function samlifyLogin(server: TestServer) {
  const login = await startLogin(server, "/cases");
  const idp = createIdp();
  const sp = createSp(server);
  const parsed = await idp.parseLoginRequest(sp, "redirect", {
    query: Object.fromEntries(login.location.searchParams),
    octetString: login.location.search.slice(1),
  });
  const requestId = String((parsed.extract as { request?: { id?: unknown } }).request?.id ?? "");
  assert.is(requestId, login.requestId, "samlify reads the same AuthnRequest ID");

  const user = DEMO_USERS.prosecutor;
  const now = new Date();
  const later = new Date(now.getTime() + 5 * 60_000);
  const { context } = await idp.createLoginResponse(sp, { extract: { request: { id: requestId } } }, "post", { email: user.nameId }, {
    customTagReplacement: (template: string) => {
      const id = `_${crypto.randomUUID()}`;
      const values: Record<string, string> = {
        ID: id,
        AssertionID: `_${crypto.randomUUID()}`,
        Destination: spEndpoints(server).acs,
        Audience: spEndpoints(server).entityId,
        SubjectRecipient: spEndpoints(server).acs,
        Issuer: DEV_IDP_ENTITY_ID,
        IssueInstant: now.toISOString(),
        StatusCode: samlify.Constants.StatusCode.Success,
        ConditionsNotBefore: now.toISOString(),
        ConditionsNotOnOrAfter: later.toISOString(),
        SubjectConfirmationDataNotOnOrAfter: later.toISOString(),
        NameIDFormat: PERSISTENT,
        NameID: user.nameId,
        InResponseTo: requestId,
        SessionIndex: `_${crypto.randomUUID()}`,
      };
      for (const name of ATTRIBUTES) values[tagOf(name)] = user.attributes[name];
      return { id, context: samlify.SamlLib.replaceTagsByValue(template, values) };
    },
  });
  return { login, samlResponse: context };
}

const test = suite<{ server: TestServer }>("a response signed by another SAML library (samlify)", {
  server: undefined as unknown as TestServer,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "10000" } });
});
test.after(async ({ server }) => {
  await server?.close();
});

test("a response signed with the fixture key by samlify is accepted: 302 and a session for the NameID", async ({ server }) => {
  const { login, samlResponse } = await samlifyLogin(server);
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  assert.match(xml, /<ds:Signature[\s\S]*<saml:Assertion[\s\S]*<ds:Signature/, "samlify signed the Response and the Assertion");
  assert.match(xml, /rsa-sha256/);
  const result = await postAcs(server, { samlResponse, relayState: login.relayState ?? "/cases", cookie: login.cookie });
  assert.is(result.status, 302, `status ${result.status}: ${result.body.slice(0, 300)}`);
  assert.ok(result.session, `a ${SESSION_COOKIE} cookie`);
  const me = await getMe(server, result.session);
  assert.is(me.status, 200);
  assert.is(me.me?.id, "pat.cole@cps.example");
  assert.is(me.me?.role, "prosecutor");
  assert.is(me.me?.party, "prosecution");
});

test("the same samlify response with one character of the NameID changed after signing → 401, no session", async ({ server }) => {
  const { login, samlResponse } = await samlifyLogin(server);
  const xml = Buffer.from(samlResponse, "base64").toString("utf8");
  const tampered = xml.replace(">pat.cole@cps.example</saml:NameID>", ">pat.colf@cps.example</saml:NameID>");
  assert.is.not(tampered, xml, "the NameID was changed");
  const result = await postAcs(server, { xml: tampered, relayState: login.relayState ?? "/cases", cookie: login.cookie });
  assert.is(result.status, 401, `status ${result.status}: ${result.body.slice(0, 300)}`);
  assert.is(result.session, undefined, "no session cookie");
  assert.is((JSON.parse(result.body) as { error: { code: string } }).error.code, "auth.saml_invalid");
});

test.run();
