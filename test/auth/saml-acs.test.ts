/**
 * The SAML service provider against attacks and misuse (security.md §1.4, SAML-01 … SAML-31),
 * through the real HTTP routes: every response is signed at test time (saml-idp.ts) for an
 * AuthnRequest the SP issued, and each test checks what the attacker or user sees: the status,
 * the redirect, whether a session cookie was set and what /api/me answers with it.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import {
  type AcsResult,
  allAuditEntries,
  encodeSamlResponse,
  getMe,
  LOGIN_COOKIE,
  type Me,
  postAcs,
  responseOptionsFor,
  SESSION_COOKIE,
  setCookieHeader,
  signIn,
  spEndpoints,
  startLogin,
  validResponseFor,
} from "../helpers/saml-flow.ts";
import {
  applyXsw,
  attackerKeyPair,
  buildResponse,
  DEMO_USERS,
  DEV_IDP_CERT,
  DEV_IDP_ENTITY_ID,
  DEV_IDP_KEY,
  descendants,
  NS,
  newId,
  parseXml,
  serializeXml,
  signElement,
  signResponse,
  stripSignatures,
  XSW_NAME_ID,
  type XswName,
  xsw10WithDoctype,
} from "../helpers/saml-idp.ts";
import { startTestServer, type TestServer } from "../helpers/test-server.ts";

const test = suite<{ server: TestServer }>("SAML service provider (SAML-01 … SAML-31)", {
  server: undefined as unknown as TestServer,
});

test.before(async (context) => {
  context.server = await startTestServer({ env: { SIGNIN_RATE_LIMIT_PER_MINUTE: "10000" } });
});
test.after(async ({ server }) => {
  await server?.close();
});

// ---------------------------------------------------------------------------------------------
// Assertions shared by the cases

/** Messages of node-saml, xml-crypto, xmldom and Node that must never reach the client. */
const LEAK =
  /xmldom|\[xmldom|entity not found|DOCTYPE|ENTITY|\/etc\/passwd|Invalid (document )?signature|SAML assertion|InResponseTo|SubjectConfirmation|multiple assertions|too many transforms|Referenced node|node-saml|xml-crypto|at \S+ \(|\.ts:\d+|\.js:\d+|<\?xml|<samlp?:/i;

function describe(result: AcsResult): string {
  return `status ${result.status}, location ${result.location}, body ${result.body.slice(0, 300)}`;
}

/** A refused ACS POST: the status, the JSON error code, no session cookie, no internal detail. */
async function assertRefused(
  server: TestServer,
  result: AcsResult,
  expected: { status: number | number[]; code?: string | string[] },
  label: string,
): Promise<void> {
  if (result.session) {
    const me = await getMe(server, result.session);
    assert.unreachable(`${label}: a session cookie was set (${describe(result)}); /api/me → ${me.status} ${me.me?.id ?? ""}`);
  }
  const statuses = Array.isArray(expected.status) ? expected.status : [expected.status];
  assert.ok(statuses.includes(result.status), `${label}: expected ${statuses.join(" or ")}, got ${describe(result)}`);
  const body = result.body.replace(/^\s*<!doctype html>/i, "");
  assert.not.match(body, LEAK, `${label}: the body leaks internals: ${result.body.slice(0, 300)}`);
  if (expected.code !== undefined) {
    assert.match(result.contentType, /application\/json/, `${label}: JSON error body expected, got ${result.contentType}`);
    const json = JSON.parse(result.body) as { error?: { code?: unknown; message?: unknown } };
    const codes = Array.isArray(expected.code) ? expected.code : [expected.code];
    assert.ok(codes.includes(String(json.error?.code)), `${label}: error code ${String(json.error?.code)}, expected ${codes.join(" or ")}`);
    assert.type(json.error?.message, "string", `${label}: error.message`);
  }
  if (result.status >= 300 && result.status < 400) assert.unreachable(`${label}: redirected to ${result.location}`);
}

const SAML_INVALID = { status: 401, code: "auth.saml_invalid" } as const;

/** A successful sign-in: 302 to a same-origin path, a session, and /api/me answering for it. */
async function assertSignedIn(server: TestServer, result: AcsResult, label: string): Promise<Me> {
  assert.is(result.status, 302, `${label}: ${describe(result)}`);
  assert.ok(result.session, `${label}: no ${SESSION_COOKIE} cookie set`);
  const me = await getMe(server, result.session);
  assert.is(me.status, 200, `${label}: /api/me → ${me.status} ${me.body.slice(0, 200)}`);
  return me.me as Me;
}

/** The path a browser would land on after `location`; fails if it leaves the server's origin. */
function landingPath(server: TestServer, location: string | null): string {
  assert.ok(location, "no Location header");
  const target = new URL(location, `${server.url}/auth/saml/acs`);
  assert.is(target.origin, new URL(server.url).origin, `redirect leaves the origin: ${location}`);
  return `${target.pathname}${target.search}`;
}

async function auditSince(server: TestServer, seq: number) {
  return (await allAuditEntries(server)).filter((e) => e.seq > seq);
}

async function lastSeq(server: TestServer): Promise<number> {
  const entries = await allAuditEntries(server);
  return entries[entries.length - 1]?.seq ?? 0;
}

/** Start a login, build a response for it with `overrides`, sign, optionally mutate, post. */
async function attempt(
  server: TestServer,
  options: {
    overrides?: Parameters<typeof responseOptionsFor>[2];
    sign?: Parameters<typeof validResponseFor>[3];
    mutate?: (signedXml: string) => string;
    relayState?: string;
  } = {},
): Promise<AcsResult> {
  const login = await startLogin(server, "/cases");
  let xml = validResponseFor(server, login, options.overrides, options.sign);
  if (options.mutate) xml = options.mutate(xml);
  return postAcs(server, { xml, relayState: options.relayState ?? login.relayState ?? "/cases", cookie: login.cookie });
}

// ---------------------------------------------------------------------------------------------
// Login start and the happy path

test("GET /auth/saml/login: 302 to the IdP with a deflated AuthnRequest, RelayState and a login-binding cookie", async ({ server }) => {
  const sp = spEndpoints(server);
  const login = await startLogin(server, "/cases");
  assert.is(`${login.location.origin}${login.location.pathname}`, sp.idpSso);
  assert.is(login.relayState, "/cases");
  const request = parseXml(login.authnRequestXml).documentElement;
  assert.is(request.getAttribute("AssertionConsumerServiceURL"), sp.acs);
  assert.match(login.requestId, /^[A-Za-z_][\w.-]*$/, "the AuthnRequest ID is an NCName");
  const issuer = descendants(request, NS.assertion, "Issuer")[0];
  assert.is(issuer?.textContent, sp.entityId, "AuthnRequest Issuer is the SP entityID");
  assert.ok(login.loginCookie, `a ${LOGIN_COOKIE} cookie is set`);
  const header = setCookieHeader(login.response, LOGIN_COOKIE) ?? "";
  assert.match(header, /;\s*HttpOnly/i, "the login cookie is HttpOnly");
  assert.match(header, /;\s*SameSite=Lax/i, "SameSite=Lax in development and test (DESIGN §6)");

  const other = await startLogin(server, "/cases");
  assert.is.not(other.requestId, login.requestId, "a fresh request ID per login");
  assert.is.not(other.loginCookie, login.loginCookie, "a fresh binding cookie per login");
});

test("SAML-01 a response and assertion signed with the pinned key → 302 to RelayState, a session, /api/me for the prosecutor", async ({
  server,
}) => {
  const before = await lastSeq(server);
  const result = await signIn(server, DEMO_USERS.prosecutor, { returnTo: "/cases" });
  const me = await assertSignedIn(server, result, "SAML-01");
  assert.is(landingPath(server, result.location), "/cases");
  assert.equal(me, {
    id: "pat.cole@cps.example",
    displayName: "Pat Cole",
    email: "pat.cole@cps.example",
    role: "prosecutor",
    party: "prosecution",
    organisation: { id: "cps-wessex", name: "CPS Wessex" },
    courts: [],
  });
  const sessionHeader = setCookieHeader(result.response, SESSION_COOKIE) ?? "";
  assert.match(sessionHeader, /;\s*HttpOnly/i, "the session cookie is HttpOnly");
  assert.match(sessionHeader, /;\s*SameSite=Lax/i, "the session cookie is SameSite=Lax");

  const entries = await auditSince(server, before);
  const success = entries.filter((e) => e.action === "auth.login.success");
  assert.is(success.length, 1, "one auth.login.success audit entry");
  assert.is(success[0]?.actorId, "pat.cole@cps.example");
  const text = JSON.stringify(entries);
  assert.not.match(text, /<(samlp?:)?(Response|Assertion)|Signature|PHNhbWxw/, "no SAML XML in the audit trail");
});

test("/api/me for a defence user: party defence:<organisationId>", async ({ server }) => {
  const me = await assertSignedIn(server, await signIn(server, DEMO_USERS.defence), "defence");
  assert.equal(me, {
    id: "dan.reyes@reyes-law.example",
    displayName: "Dan Reyes",
    email: "dan.reyes@reyes-law.example",
    role: "defence",
    party: "defence:reyes-law",
    organisation: { id: "reyes-law", name: "Reyes Law LLP" },
    courts: [],
  });
});

test("/api/me for a legal adviser: party court, courts from the multi-valued attribute", async ({ server }) => {
  const me = await assertSignedIn(server, await signIn(server, DEMO_USERS.legalAdviser), "legal adviser");
  assert.equal({ ...me, courts: [...me.courts].sort() }, {
    id: "lee.adams@court.example",
    displayName: "Lee Adams",
    email: "lee.adams@court.example",
    role: "legal-adviser",
    party: "court",
    organisation: { id: "hmcts-wessex", name: "HMCTS Wessex" },
    courts: ["AVMC01", "KBMC01"],
  });
});

test("a role outside the list → 403 auth.no_access, no session", async ({ server }) => {
  const result = await signIn(server, {
    nameId: "sys.admin@cps.example",
    attributes: { ...DEMO_USERS.prosecutor.attributes, email: "sys.admin@cps.example", role: "administrator" },
  });
  await assertRefused(server, result, { status: 403, code: "auth.no_access" }, "unknown role");
});

test("a refused sign-in that prefers HTML gets no session and no internal detail either", async ({ server }) => {
  const result = await attempt(server, { mutate: stripSignatures });
  const login = await startLogin(server);
  const html = await postAcs(server, {
    xml: stripSignatures(validResponseFor(server, login)),
    relayState: "/cases",
    cookie: login.cookie,
    accept: "text/html",
  });
  await assertRefused(server, result, SAML_INVALID, "Accept */*");
  await assertRefused(server, html, { status: 401 }, "Accept text/html");
});

// ---------------------------------------------------------------------------------------------
// Signatures

test("SAML-02 the same XML with its signatures removed → 401, audited as a failure without the XML", async ({ server }) => {
  const before = await lastSeq(server);
  await assertRefused(server, await attempt(server, { mutate: stripSignatures }), SAML_INVALID, "SAML-02");
  const entries = await auditSince(server, before);
  const failures = entries.filter((e) => e.action === "auth.login.failure");
  assert.ok(failures.length >= 1, "an auth.login.failure audit entry");
  const reason = failures[0]?.detail.reason;
  assert.type(reason, "string", "detail.reason is a string");
  assert.ok(String(reason).length > 0 && String(reason).length <= 200, `detail.reason is short: ${String(reason)}`);
  assert.is(entries.filter((e) => e.action === "auth.login.success").length, 0);
  assert.not.match(JSON.stringify(entries), /<(samlp?:)?(Response|Assertion)|SignatureValue|PHNhbWxw/, "no SAML XML in the audit trail");
});

test("SAML-02 only one of the two signatures (assertion only, or response only) → 401", async ({ server }) => {
  await assertRefused(server, await attempt(server, { sign: { signResponse: false } }), SAML_INVALID, "assertion signed only");
  await assertRefused(server, await attempt(server, { sign: { signAssertion: false } }), SAML_INVALID, "response signed only");
});

test("SAML-02 a signed response whose NameID lost one character after signing → 401 (CVE-2025-54369 class)", async ({ server }) => {
  const result = await attempt(server, {
    mutate: (xml) => xml.replace(">pat.cole@cps.example</saml:NameID>", ">pat.cole@cps.exampl</saml:NameID>"),
  });
  await assertRefused(server, result, SAML_INVALID, "tampered NameID");
});

test("SAML-03 re-signed with an attacker key, attacker certificate in KeyInfo → 401", async ({ server }) => {
  const attacker = attackerKeyPair();
  const result = await attempt(server, { sign: { key: attacker.key, cert: attacker.cert } });
  await assertRefused(server, result, SAML_INVALID, "SAML-03");
});

const XSW_CASES: Array<[string, XswName]> = [
  ["SAML-04", "XSW1"],
  ["SAML-05", "XSW2"],
  ["SAML-06", "XSW3"],
  ["SAML-07", "XSW4"],
  ["SAML-08", "XSW5"],
  ["SAML-09", "XSW6"],
  ["SAML-10", "XSW7"],
  ["SAML-11", "XSW8"],
  ["SAML-12", "XSW10"],
];

for (const [id, xsw] of XSW_CASES) {
  test(`${id} ${xsw} signature wrapping (NameID → ${XSW_NAME_ID} in the unsigned copy) → 401, never that user`, async ({ server }) => {
    const bases = xsw === "XSW1" || xsw === "XSW2" ? [{ label: "both signed", sign: {} }] : [
      { label: "both signed", sign: {} },
      { label: "assertion signed only", sign: { signResponse: false } },
    ];
    for (const base of bases) {
      const result = await attempt(server, {
        sign: base.sign,
        mutate: (xml) => {
          const wrapped = applyXsw(xml, xsw);
          assert.ok(wrapped.includes(XSW_NAME_ID), `${xsw} puts the evil NameID in the document`);
          return wrapped;
        },
      });
      await assertRefused(server, result, SAML_INVALID, `${id} ${xsw} (${base.label})`);
    }
  });
}

test("SAML-12 XSW10 as SAML Raider sends it (IDs through DOCTYPE entities) → 400 before any SAML processing", async ({ server }) => {
  const result = await attempt(server, { mutate: xsw10WithDoctype });
  await assertRefused(server, result, { status: 400, code: "request.invalid" }, "XSW10 + DOCTYPE");
});

test("SAML-13 two root elements in the payload (CVE-2022-39299 shape) → 400 or 401", async ({ server }) => {
  const evilRoot = (login: { requestId: string }) =>
    stripSignatures(buildResponse(responseOptionsFor(server, login, { ...DEMO_USERS.judge })));
  for (const order of ["signed first", "evil first"] as const) {
    const login = await startLogin(server);
    const signed = validResponseFor(server, login);
    const xml = order === "signed first" ? `${signed}${evilRoot(login)}` : `${evilRoot(login)}${signed}`;
    const result = await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie });
    await assertRefused(server, result, { status: [400, 401], code: ["request.invalid", "auth.saml_invalid"] }, `SAML-13 ${order}`);
  }
});

test("SAML-14 two assertions, each validly signed, in a signed response → 401", async ({ server }) => {
  const login = await startLogin(server);
  const doc = parseXml(buildResponse(responseOptionsFor(server, login)));
  const second = parseXml(buildResponse(responseOptionsFor(server, login, { ...DEMO_USERS.judge })));
  const secondAssertion = descendants(second.documentElement, NS.assertion, "Assertion")[0];
  assert.ok(secondAssertion);
  doc.documentElement.appendChild(doc.importNode(secondAssertion, true));
  const xml = signResponse(serializeXml(doc), { key: DEV_IDP_KEY, cert: DEV_IDP_CERT, signAssertion: true, signResponse: true });
  const result = await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie });
  await assertRefused(server, result, SAML_INVALID, "SAML-14 two assertions");
});

test("SAML-14 one Assertion plus one EncryptedAssertion in a signed response → 401", async ({ server }) => {
  const login = await startLogin(server);
  const unsigned = buildResponse(responseOptionsFor(server, login)).replace(
    "</samlp:Response>",
    '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"/></saml:EncryptedAssertion></samlp:Response>',
  );
  const xml = signResponse(unsigned, { key: DEV_IDP_KEY, cert: DEV_IDP_CERT, signAssertion: true, signResponse: true });
  const result = await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie });
  await assertRefused(server, result, SAML_INVALID, "SAML-14 Assertion + EncryptedAssertion");
});

test("SAML-15 a signed NameID with a comment inside (victim<!---->.evil.test) never signs in as the victim", async ({ server }) => {
  const full = "pat.cole@cps.example.evil.test";
  const result = await attempt(server, {
    overrides: {
      nameIdXml: "pat.cole@cps.example<!---->.evil.test",
      attributes: { ...DEMO_USERS.defence.attributes, email: full, displayName: "Mallory" },
    },
  });
  if (result.status === 302 && result.session) {
    const me = await getMe(server, result.session);
    assert.is(me.me?.id, full, "the NameID is the full string, comment or not");
    assert.is.not(me.me?.id, "pat.cole@cps.example");
    assert.is.not(me.me?.role, "prosecutor");
  } else {
    await assertRefused(server, result, { status: [401, 403] }, "SAML-15");
  }
});

// ---------------------------------------------------------------------------------------------
// Parser

const DOCTYPES: Array<[string, (xml: string) => string]> = [
  [
    "internal entity used in the NameID",
    (xml) =>
      `<!DOCTYPE samlp:Response [<!ENTITY who "${XSW_NAME_ID}">]>${xml.replace(">pat.cole@cps.example</saml:NameID>", ">&who;</saml:NameID>")}`,
  ],
  ["SYSTEM entity (file read)", (xml) => `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${xml.replace("</saml:Issuer>", "&x;</saml:Issuer>")}`],
  [
    "entity expansion (billion laughs)",
    (xml) =>
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${xml.replace("</saml:Issuer>", "&d;</saml:Issuer>")}`,
  ],
  ["a bare DOCTYPE, no entities", (xml) => `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE samlp:Response>\n${xml}`],
  ["a parameter entity to an external DTD", (xml) => `<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://127.0.0.1:1/x.dtd"> %ext;]>${xml}`],
];

for (const [label, inject] of DOCTYPES) {
  test(`SAML-16 DOCTYPE: ${label} → 400 request.invalid with a generic body`, async ({ server }) => {
    const result = await attempt(server, { mutate: inject });
    await assertRefused(server, result, { status: 400, code: "request.invalid" }, `SAML-16 ${label}`);
  });
}

test("undecodable SAMLResponse (not base64) → 400 request.invalid; base64 of non-XML → 400 or 401", async ({ server }) => {
  const login = await startLogin(server);
  const notBase64 = await postAcs(server, { samlResponse: "***not base64***", relayState: "/cases", cookie: login.cookie });
  await assertRefused(server, notBase64, { status: 400, code: "request.invalid" }, "not base64");
  const login2 = await startLogin(server);
  const notXml = await postAcs(server, { xml: "this is not XML <", relayState: "/cases", cookie: login2.cookie });
  await assertRefused(server, notXml, { status: [400, 401], code: ["request.invalid", "auth.saml_invalid"] }, "not XML");
});

// ---------------------------------------------------------------------------------------------
// Conditions

test("SAML-17 Audience of another SP → 401; no AudienceRestriction → 401", async ({ server }) => {
  await assertRefused(
    server,
    await attempt(server, { overrides: { audience: "https://other-sp.example/saml/metadata" } }),
    SAML_INVALID,
    "other audience",
  );
  await assertRefused(server, await attempt(server, { overrides: { audience: undefined } }), SAML_INVALID, "no audience");
});

test("SAML-18 NotBefore beyond the 60 s skew, NotOnOrAfter + skew passed, or an assertion older than 5 min → 401", async ({ server }) => {
  const now = Date.now();
  await assertRefused(server, await attempt(server, { overrides: { notBefore: new Date(now + 65_000) } }), SAML_INVALID, "not yet valid");
  await assertRefused(
    server,
    await attempt(server, {
      overrides: {
        notOnOrAfter: new Date(now - 60_000),
        subjectNotOnOrAfter: new Date(now + 5 * 60_000),
        issueInstant: new Date(now - 120_000),
      },
    }),
    SAML_INVALID,
    "Conditions expired at NotOnOrAfter + skew",
  );
  await assertRefused(
    server,
    await attempt(server, { overrides: { subjectNotOnOrAfter: new Date(now - 60_000) } }),
    SAML_INVALID,
    "bearer SubjectConfirmationData expired",
  );
  await assertRefused(
    server,
    await attempt(server, { overrides: { issueInstant: new Date(now - 7 * 60_000), notBefore: new Date(now - 7 * 60_000) } }),
    SAML_INVALID,
    "IssueInstant older than 5 min + skew",
  );
});

test("SAML-18 times within the 60 s skew and the 5 min age are accepted", async ({ server }) => {
  const now = Date.now();
  await assertSignedIn(server, await attempt(server, { overrides: { notBefore: new Date(now + 30_000) } }), "NotBefore 30 s ahead");
  await assertSignedIn(
    server,
    await attempt(server, { overrides: { notOnOrAfter: new Date(now - 20_000), issueInstant: new Date(now - 60_000) } }),
    "NotOnOrAfter 20 s ago",
  );
  await assertSignedIn(
    server,
    await attempt(server, { overrides: { issueInstant: new Date(now - 3 * 60_000), notBefore: new Date(now - 3 * 60_000) } }),
    "issued 3 min ago",
  );
});

test("SAML-19 InResponseTo we never issued, no InResponseTo (IdP-initiated), or a mismatched subject InResponseTo → 401", async ({
  server,
}) => {
  await assertRefused(server, await attempt(server, { overrides: { inResponseTo: newId() } }), SAML_INVALID, "unknown InResponseTo");
  await assertRefused(
    server,
    await attempt(server, { overrides: { inResponseTo: undefined, subjectInResponseTo: null } }),
    SAML_INVALID,
    "IdP-initiated (no InResponseTo)",
  );
  await assertRefused(
    server,
    await attempt(server, { overrides: { subjectInResponseTo: newId() } }),
    SAML_INVALID,
    "SubjectConfirmationData InResponseTo differs",
  );
});

test("SAML-20 replay: the same response twice → 302 then 401; a new login reusing the assertion ID → 401", async ({ server }) => {
  const login = await startLogin(server);
  const assertionId = newId();
  const xml = validResponseFor(server, login, { assertionId });
  const first = await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie });
  await assertSignedIn(server, first, "first POST");
  const second = await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie });
  await assertRefused(server, second, SAML_INVALID, "replayed POST");

  const again = await startLogin(server);
  const reused = validResponseFor(server, again, { assertionId });
  await assertRefused(server, await postAcs(server, { xml: reused, relayState: "/cases", cookie: again.cookie }), SAML_INVALID, "assertion ID reused");
});

test("SAML-21 race: 20 concurrent POSTs of one valid response → exactly one 302 and one session", async ({ server }) => {
  const before = await lastSeq(server);
  const login = await startLogin(server);
  const xml = validResponseFor(server, login, { ...DEMO_USERS.defence });
  const results = await Promise.all(
    Array.from({ length: 20 }, () => postAcs(server, { xml, relayState: "/cases", cookie: login.cookie })),
  );
  const statuses = results.map((r) => r.status);
  assert.is(statuses.filter((s) => s === 302).length, 1, `statuses: ${statuses.join(",")}`);
  assert.is(results.filter((r) => r.session).length, 1, "one session cookie");
  for (const r of results.filter((x) => x.status !== 302)) await assertRefused(server, r, { status: 401 }, "a losing POST");
  const successes = (await auditSince(server, before)).filter((e) => e.action === "auth.login.success");
  assert.is(successes.length, 1, "one auth.login.success audit entry");
});

test("SAML-22 bearer Recipient of another SP, or no Recipient → 401", async ({ server }) => {
  await assertRefused(server, await attempt(server, { overrides: { recipient: "https://other-sp.example/acs" } }), SAML_INVALID, "other Recipient");
  await assertRefused(server, await attempt(server, { overrides: { recipient: undefined } }), SAML_INVALID, "no Recipient");
});

test("SAML-23 Response Destination of another endpoint, or no Destination → 401", async ({ server }) => {
  await assertRefused(server, await attempt(server, { overrides: { destination: "https://attacker.example/acs" } }), SAML_INVALID, "wrong Destination");
  await assertRefused(server, await attempt(server, { overrides: { destination: undefined } }), SAML_INVALID, "no Destination");
});

test("SAML-24 Issuer of another IdP, signed with the pinned key → 401", async ({ server }) => {
  await assertRefused(
    server,
    await attempt(server, { overrides: { assertionIssuer: "https://other-idp.example/saml" } }),
    SAML_INVALID,
    "assertion Issuer only",
  );
  await assertRefused(server, await attempt(server, { overrides: { issuer: "https://other-idp.example/saml" } }), SAML_INVALID, "both Issuers");
});

test("SAML-25 SHA-1 signatures or digests → 401", async ({ server }) => {
  await assertRefused(server, await attempt(server, { sign: { algorithm: "sha1" } }), SAML_INVALID, "RSA-SHA1 + SHA-1 digest");
  await assertRefused(server, await attempt(server, { sign: { algorithm: "sha256", digest: "sha1" } }), SAML_INVALID, "SHA-1 digest");
  await assertRefused(server, await attempt(server, { sign: { algorithm: "sha1", digest: "sha256" } }), SAML_INVALID, "RSA-SHA1 signature");
});

// ---------------------------------------------------------------------------------------------
// Browser binding, sessions, redirects, size

test("SAML-26 login CSRF: the attacker's valid response posted from a browser that did not start that login → 401", async ({ server }) => {
  const attackerLogin = await startLogin(server);
  const xml = validResponseFor(server, attackerLogin, { ...DEMO_USERS.defence });
  await assertRefused(server, await postAcs(server, { xml, relayState: "/cases" }), SAML_INVALID, "no login cookie");

  const victimLogin = await startLogin(server);
  await assertRefused(
    server,
    await postAcs(server, { xml, relayState: "/cases", cookie: victimLogin.cookie }),
    SAML_INVALID,
    "the victim's own login cookie",
  );
  await assertRefused(
    server,
    await postAcs(server, { xml, relayState: "/cases", cookie: `${LOGIN_COOKIE}=${(attackerLogin.loginCookie ?? "").slice(0, -2)}xx` }),
    SAML_INVALID,
    "a forged login cookie",
  );
});

test("SAML-27 session fixation: a pre-set session cookie is replaced at the ACS and stops working", async ({ server }) => {
  const planted = "attacker-chosen-session-id-0123456789abcdef";
  const fixed = await signIn(server, DEMO_USERS.prosecutor, { cookie: `${SESSION_COOKIE}=${planted}` });
  await assertSignedIn(server, fixed, "login with a planted cookie");
  assert.is.not(fixed.session, planted, "the session id is not the planted one");
  assert.is((await getMe(server, planted)).status, 401, "the planted value gives 401");

  // The attacker's own real session planted in the victim's browser.
  const attacker = await signIn(server, DEMO_USERS.defence);
  await assertSignedIn(server, attacker, "attacker login");
  const victim = await signIn(server, DEMO_USERS.prosecutor, { cookie: `${SESSION_COOKIE}=${attacker.session}` });
  const victimMe = await assertSignedIn(server, victim, "victim login");
  assert.is(victimMe.id, "pat.cole@cps.example");
  assert.is.not(victim.session, attacker.session, "a new session id after login");
  const old = await getMe(server, attacker.session);
  assert.is.not(old.me?.id, "pat.cole@cps.example", "the planted session never becomes the victim");
  assert.is(old.status, 401, "the old session id gives 401");
});

test("SAML-28 RelayState that leaves the site → a local redirect (/, or the returnTo bound at login)", async ({ server }) => {
  for (const relayState of ["https://evil.test/", "//evil.test", "/\\evil.test", "https:evil.test", "javascript:alert(1)"]) {
    const login = await startLogin(server, "/cases");
    const result = await postAcs(server, { xml: validResponseFor(server, login), relayState, cookie: login.cookie });
    await assertSignedIn(server, result, `RelayState ${relayState}`);
    // landingPath fails when the browser would leave the origin; the SP falls back to the login's
    // own (already checked) returnTo, or to "/".
    const path = landingPath(server, result.location);
    assert.ok(["/", "/cases"].includes(path), `RelayState ${relayState} → ${result.location}`);
  }
  const login = await startLogin(server, "https://evil.test/");
  const result = await postAcs(server, { xml: validResponseFor(server, login), relayState: login.relayState, cookie: login.cookie });
  await assertSignedIn(server, result, "returnTo https://evil.test/");
  assert.is(landingPath(server, result.location), "/", `returnTo https://evil.test/ → ${result.location}`);
  const local = await attempt(server, { relayState: "/cases/case-0001?tab=documents" });
  await assertSignedIn(server, local, "local RelayState");
  assert.is(landingPath(server, local.location), "/cases/case-0001?tab=documents");
});

test("SAML-29 a 1 MB SAMLResponse, and a body just over 256 kB → 413 request.too_large", async ({ server }) => {
  for (const size of [1024 * 1024, 256 * 1024 + 1024]) {
    const login = await startLogin(server);
    const rawBody = `RelayState=%2Fcases&SAMLResponse=${"A".repeat(size)}`;
    const result = await postAcs(server, { rawBody, cookie: login.cookie });
    await assertRefused(server, result, { status: 413, code: "request.too_large" }, `SAML-29 ${size} bytes`);
  }
});

test("SAML-30 another IdP's entityID, attacker key, role prosecutor → 401", async ({ server }) => {
  const attacker = attackerKeyPair();
  const result = await attempt(server, {
    overrides: {
      issuer: "https://idp.reyes-law.example/saml",
      nameId: "mallory@reyes-law.example",
      attributes: { ...DEMO_USERS.prosecutor.attributes, email: "mallory@reyes-law.example", displayName: "Mallory" },
    },
    sign: { key: attacker.key, cert: attacker.cert },
  });
  await assertRefused(server, result, SAML_INVALID, "SAML-30");
});

function logoutRequest(server: TestServer, notOnOrAfter: Date): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${newId()}" Version="2.0"` +
    ` IssueInstant="${new Date().toISOString()}" Destination="${spEndpoints(server).acs}" NotOnOrAfter="${notOnOrAfter.toISOString()}">` +
    `<saml:Issuer>${DEV_IDP_ENTITY_ID}</saml:Issuer>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">pat.cole@cps.example</saml:NameID>` +
    `<samlp:SessionIndex>${newId()}</samlp:SessionIndex></samlp:LogoutRequest>`
  );
}

test("SAML-31 a LogoutRequest posted to the ACS (signed, expired or not) → 401 and the session survives", async ({ server }) => {
  const victim = await signIn(server, DEMO_USERS.prosecutor);
  await assertSignedIn(server, victim, "victim");
  const xpath = `/*[local-name(.)='LogoutRequest' and namespace-uri(.)='${NS.protocol}']`;
  const variants: Array<[string, string]> = [
    ["signed, current", signElement(logoutRequest(server, new Date(Date.now() + 60_000)), xpath, { key: DEV_IDP_KEY, cert: DEV_IDP_CERT })],
    ["signed, past NotOnOrAfter", signElement(logoutRequest(server, new Date(Date.now() - 3600_000)), xpath, { key: DEV_IDP_KEY, cert: DEV_IDP_CERT })],
    ["unsigned", logoutRequest(server, new Date(Date.now() + 60_000))],
  ];
  for (const [label, xml] of variants) {
    const login = await startLogin(server);
    const cookie = `${login.cookie}; ${SESSION_COOKIE}=${victim.session}`;
    const asResponse = await postAcs(server, { xml, relayState: "/cases", cookie });
    await assertRefused(server, asResponse, SAML_INVALID, `LogoutRequest as SAMLResponse (${label})`);
    const asRequest = await postAcs(server, { rawBody: new URLSearchParams({ SAMLRequest: encodeSamlResponse(xml) }).toString(), cookie });
    await assertRefused(server, asRequest, { status: [400, 401] }, `LogoutRequest as SAMLRequest (${label})`);
  }
  assert.is((await getMe(server, victim.session)).status, 200, "the victim is still signed in");
});

test("SAML-31 POST /auth/logout needs the CSRF header (403 without); with it → 204 and the session ends", async ({ server }) => {
  const signedIn = await signIn(server, DEMO_USERS.legalAdviser);
  await assertSignedIn(server, signedIn, "sign in");
  const cookie = `${SESSION_COOKIE}=${signedIn.session}`;
  const noHeader = await fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie } });
  assert.is(noHeader.status, 403, "no X-Requested-With → 403");
  await noHeader.arrayBuffer();
  assert.is((await getMe(server, signedIn.session)).status, 200, "still signed in after the refused logout");

  const res = await fetch(`${server.url}/auth/logout`, { method: "POST", headers: { cookie, "x-requested-with": "caseroom" } });
  assert.is(res.status, 204);
  await res.arrayBuffer();
  assert.is((await getMe(server, signedIn.session)).status, 401, "/api/me after logout → 401");
});

// ---------------------------------------------------------------------------------------------
// Beyond the table: attributes, metadata and SAML profile conformance

test("GET /auth/saml/metadata names the SP entityID and the ACS (HTTP-POST)", async ({ server }) => {
  const sp = spEndpoints(server);
  const res = await fetch(sp.entityId);
  assert.is(res.status, 200);
  const doc = parseXml(await res.text()).documentElement;
  assert.is(doc.getAttribute("entityID"), sp.entityId);
  const acs = descendants(doc, "urn:oasis:names:tc:SAML:2.0:metadata", "AssertionConsumerService")[0];
  assert.is(acs?.getAttribute("Location"), sp.acs);
  assert.is(acs?.getAttribute("Binding"), "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
});

test("attribute names are exact and a role is required: no role, or `Role`, → 403 auth.no_access", async ({ server }) => {
  const { role: _role, ...withoutRole } = DEMO_USERS.prosecutor.attributes;
  await assertRefused(
    server,
    await attempt(server, { overrides: { attributes: withoutRole } }),
    { status: 403, code: "auth.no_access" },
    "no role attribute",
  );
  await assertRefused(
    server,
    await attempt(server, { overrides: { attributes: { ...withoutRole, Role: "prosecutor" } } }),
    { status: 403, code: "auth.no_access" },
    "Role (wrong case)",
  );
});

test("courts are taken for court roles only: a prosecutor asserted with courts has none", async ({ server }) => {
  const result = await signIn(server, {
    nameId: DEMO_USERS.prosecutor.nameId,
    attributes: { ...DEMO_USERS.prosecutor.attributes, courts: ["KBMC01", "CBCC01"] },
  });
  const me = await assertSignedIn(server, result, "prosecutor with courts");
  assert.equal(me.courts, []);
});

test("an empty NameID, or a bearer confirmation without SubjectConfirmationData → 401", async ({ server }) => {
  await assertRefused(server, await attempt(server, { overrides: { nameId: "" } }), SAML_INVALID, "empty NameID");
  const login = await startLogin(server);
  const unsigned = buildResponse(responseOptionsFor(server, login)).replace(/<saml:SubjectConfirmationData[^>]*\/>/, "");
  const xml = signResponse(unsigned, { key: DEV_IDP_KEY, cert: DEV_IDP_CERT, signAssertion: true, signResponse: true });
  await assertRefused(server, await postAcs(server, { xml, relayState: "/cases", cookie: login.cookie }), SAML_INVALID, "no SubjectConfirmationData");
});

test("SAML-18 an IssueInstant more than the 60 s skew in the future → 401", async ({ server }) => {
  // Otherwise the 5 min age limit (IssueInstant + 5 min) stretches as far as the IdP's clock is ahead.
  const now = Date.now();
  const result = await attempt(server, { overrides: { issueInstant: new Date(now + 10 * 60_000), notBefore: new Date(now - 30_000) } });
  await assertRefused(server, result, SAML_INVALID, "IssueInstant 10 min ahead");
});

test("a signed Response whose top-level StatusCode is not Success creates no session (401)", async ({ server }) => {
  // node-saml reads the status only when the Response has no assertion (§1.2); the SP must check it.
  for (const status of ["urn:oasis:names:tc:SAML:2.0:status:Requester", "urn:oasis:names:tc:SAML:2.0:status:Responder"]) {
    await assertRefused(server, await attempt(server, { overrides: { statusCode: status } }), SAML_INVALID, status);
  }
});

test("SAML-24 a signed Response whose own Issuer is another entity → 401 (SAML profiles §4.1.4.2)", async ({ server }) => {
  const result = await attempt(server, { overrides: { responseIssuer: "https://other-idp.example/saml" } });
  await assertRefused(server, result, SAML_INVALID, "Response Issuer only");
});

test("a NameID that is not persistent (transient) is not taken as the stable user id → 401", async ({ server }) => {
  const result = await attempt(server, { overrides: { nameIdFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:transient" } });
  await assertRefused(server, result, { status: [401, 403] }, "transient NameID");
});

test.run();
