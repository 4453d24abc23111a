/**
 * Drives the Caseroom SAML service provider over HTTP the way a browser does: start a login
 * (`/auth/saml/login`, collecting the login-binding cookie and the AuthnRequest ID), post a
 * response to the ACS, read `/api/me`. The IdP side is in `saml-idp.ts`.
 */
import { inflateRawSync } from "node:zlib";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";
import {
  DEMO_USERS,
  DEV_IDP_CERT,
  DEV_IDP_KEY,
  NS,
  parseXml,
  type ResponseOptions,
  type SamlAttributes,
  type SignOptions,
  signedResponse,
} from "./saml-idp.ts";

export const SESSION_COOKIE = "caseroom_session";
export const LOGIN_COOKIE = "caseroom_login";

/** Anything with the server's base URL (a TestServer). */
export type SpServer = { url: string };

export function spEndpoints(server: SpServer) {
  return {
    entityId: `${server.url}/auth/saml/metadata`,
    acs: `${server.url}/auth/saml/acs`,
    login: `${server.url}/auth/saml/login`,
    idpSso: `${server.url}/dev-idp/sso`,
  };
}

/** Cookies set by one response: name → value (the last Set-Cookie for a name wins). */
export function setCookies(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(";", 1)[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** The raw Set-Cookie header for `name`, to check its attributes. */
export function setCookieHeader(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
}

export function cookieHeader(cookies: Map<string, string> | Record<string, string>): string {
  const entries = cookies instanceof Map ? [...cookies.entries()] : Object.entries(cookies);
  return entries.map(([name, value]) => `${name}=${value}`).join("; ");
}

export type LoginStart = {
  /** AuthnRequest/@ID: the value the IdP must echo as InResponseTo. */
  requestId: string;
  /** Cookie header value holding every cookie the login set (the login-binding cookie). */
  cookie: string;
  /** The login-binding cookie's value alone. */
  loginCookie: string | undefined;
  relayState: string | null;
  location: URL;
  authnRequestXml: string;
  response: Response;
};

/** `GET /auth/saml/login?returnTo=…` without following the redirect to the IdP. */
export async function startLogin(server: SpServer, returnTo = "/cases", cookie?: string): Promise<LoginStart> {
  const { login } = spEndpoints(server);
  const res = await fetch(`${login}?returnTo=${encodeURIComponent(returnTo)}`, {
    redirect: "manual",
    headers: cookie ? { cookie } : {},
  });
  await res.arrayBuffer();
  if (res.status !== 302) throw new Error(`GET /auth/saml/login answered ${res.status}, not 302`);
  const locationHeader = res.headers.get("location");
  if (!locationHeader) throw new Error("GET /auth/saml/login: no Location");
  const location = new URL(locationHeader, server.url);
  const samlRequest = location.searchParams.get("SAMLRequest");
  if (!samlRequest) throw new Error(`GET /auth/saml/login: no SAMLRequest in ${locationHeader}`);
  const authnRequestXml = inflateRawSync(Buffer.from(samlRequest, "base64")).toString("utf8");
  const request = parseXml(authnRequestXml).documentElement;
  if (request.localName !== "AuthnRequest" || request.namespaceURI !== NS.protocol) {
    throw new Error("SAMLRequest is not an AuthnRequest");
  }
  const requestId = request.getAttribute("ID");
  if (!requestId) throw new Error("AuthnRequest has no ID");
  const cookies = setCookies(res);
  return {
    requestId,
    cookie: cookieHeader(cookies),
    loginCookie: cookies.get(LOGIN_COOKIE),
    relayState: location.searchParams.get("RelayState"),
    location,
    authnRequestXml,
    response: res,
  };
}

export type AcsPost = {
  /** The form value as posted (base64). */
  samlResponse?: string;
  /** Response XML, base64-encoded here (ignored when `samlResponse` is given). */
  xml?: string;
  relayState?: string | null;
  cookie?: string;
  accept?: string;
  /** Replace the whole form body (size and malformed-body tests). */
  rawBody?: string;
};

export type AcsResult = {
  status: number;
  location: string | null;
  cookies: Map<string, string>;
  /** The new session cookie value, if the ACS set a non-empty one. */
  session: string | undefined;
  contentType: string;
  body: string;
  response: Response;
};

export function encodeSamlResponse(xml: string): string {
  return Buffer.from(xml, "utf8").toString("base64");
}

/** `POST /auth/saml/acs` as the IdP's auto-submitting form does, without following redirects. */
export async function postAcs(server: SpServer, post: AcsPost): Promise<AcsResult> {
  let body = post.rawBody;
  if (body === undefined) {
    const form = new URLSearchParams();
    form.set("SAMLResponse", post.samlResponse ?? encodeSamlResponse(post.xml ?? ""));
    if (post.relayState !== undefined && post.relayState !== null) form.set("RelayState", post.relayState);
    body = form.toString();
  }
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (post.cookie) headers.cookie = post.cookie;
  if (post.accept) headers.accept = post.accept;
  const res = await fetch(spEndpoints(server).acs, { method: "POST", body, headers, redirect: "manual" });
  const text = await res.text();
  const cookies = setCookies(res);
  const session = cookies.get(SESSION_COOKIE);
  return {
    status: res.status,
    location: res.headers.get("location"),
    cookies,
    session: session ? session : undefined,
    contentType: res.headers.get("content-type") ?? "",
    body: text,
    response: res,
  };
}

export type Me = {
  id: string;
  displayName: string;
  email: string;
  role: string;
  party: string;
  organisation: { id: string; name: string };
  courts: string[];
};

/** `GET /api/me` with the given session cookie value. */
export async function getMe(server: SpServer, session: string | undefined): Promise<{ status: number; me?: Me; body: string }> {
  const res = await fetch(`${server.url}/api/me`, { headers: session ? { cookie: `${SESSION_COOKIE}=${session}` } : {} });
  const body = await res.text();
  if (res.status !== 200) return { status: res.status, body };
  return { status: res.status, me: JSON.parse(body) as Me, body };
}

/** The defaults that make a response valid for `login` at this server. */
export function responseOptionsFor(server: SpServer, login: { requestId: string }, overrides: ResponseOptions = {}): ResponseOptions {
  const sp = spEndpoints(server);
  return {
    ...DEMO_USERS.prosecutor,
    audience: sp.entityId,
    recipient: sp.acs,
    destination: sp.acs,
    inResponseTo: login.requestId,
    ...overrides,
  };
}

/** A valid response for `login`, signed (Response and Assertion, SHA-256) with the fixture key. */
export function validResponseFor(
  server: SpServer,
  login: { requestId: string },
  overrides: ResponseOptions = {},
  sign: Partial<SignOptions> = {},
): string {
  return signedResponse(responseOptionsFor(server, login, overrides), { key: DEV_IDP_KEY, cert: DEV_IDP_CERT, ...sign });
}

/** Start a login and complete it with a valid response for `user` (a demo user by default). */
export async function signIn(
  server: SpServer,
  user: { nameId: string; attributes: SamlAttributes } = DEMO_USERS.prosecutor,
  options: { returnTo?: string; cookie?: string; overrides?: ResponseOptions } = {},
): Promise<AcsResult & { login: LoginStart; xml: string }> {
  const login = await startLogin(server, options.returnTo ?? "/cases");
  const xml = validResponseFor(server, login, { nameId: user.nameId, attributes: user.attributes, ...options.overrides });
  const cookie = [login.cookie, options.cookie].filter((c) => c).join("; ");
  const result = await postAcs(server, { xml, relayState: login.relayState ?? options.returnTo ?? "/cases", cookie });
  return { ...result, login, xml };
}

/** Every audit entry, paging through the store. */
export async function allAuditEntries(server: {
  deps: { store: { audit: { list(o?: { afterSeq?: number; limit?: number }): Promise<AuditEntry[]> } } };
}): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await server.deps.store.audit.list({ afterSeq, limit: 1000 });
    out.push(...page);
    const last = page[page.length - 1];
    if (!last || page.length < 1000) return out;
    afterSeq = last.seq;
  }
}
