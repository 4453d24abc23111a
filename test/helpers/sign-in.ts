import type { TestServer } from "./test-server.ts";

/** Cookies from a response, as a `cookie` request header (later values replace earlier ones). */
export function cookieHeader(response: Response, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((c) => c.split("=", 2) as [string, string]),
  );
  for (const setCookie of response.headers.getSetCookie()) {
    const [pair] = setCookie.split(";");
    const [name, value] = (pair ?? "").split("=", 2);
    if (!name) continue;
    if (value) jar.set(name, value);
    else jar.delete(name);
  }
  return [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
}

/**
 * Sign in as a demo user the way a browser does: start at /auth/saml/login, choose the user at
 * the development IdP, post its signed response to the ACS. Returns the session cookie header.
 */
export async function signIn(server: TestServer, userId: string): Promise<string> {
  const login = await fetch(`${server.url}/auth/saml/login?returnTo=/cases`, { redirect: "manual" });
  let cookie = cookieHeader(login);
  const idp = new URL(login.headers.get("location") ?? "");
  const chosen = await fetch(`${server.url}/dev-idp/sso`, {
    method: "POST",
    body: new URLSearchParams({ user: userId, SAMLRequest: idp.searchParams.get("SAMLRequest") ?? "", RelayState: "/cases" }),
  });
  const page = await chosen.text();
  const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(page)?.[1];
  if (!samlResponse) throw new Error(`development IdP refused ${userId}: ${chosen.status}`);
  const acs = await fetch(`${server.url}/auth/saml/acs`, {
    method: "POST",
    body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: "/cases" }),
    headers: { cookie },
    redirect: "manual",
  });
  if (acs.status !== 302) throw new Error(`sign-in as ${userId} failed: ${acs.status}`);
  cookie = cookieHeader(acs, cookie);
  return cookie;
}

/** A small API client bound to one signed-in user. */
export function apiAs(server: TestServer, cookie: string) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        cookie,
        origin: server.origin,
        ...(method === "GET" ? {} : { "x-requested-with": "caseroom" }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, text };
  };
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body?: unknown) => call("POST", path, body),
    put: (path: string, body?: unknown) => call("PUT", path, body),
    delete: (path: string) => call("DELETE", path),
  };
}
