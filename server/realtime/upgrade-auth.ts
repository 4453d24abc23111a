import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { SessionService, SessionUser } from "../auth/session.service.ts";
import type { CookieSettings } from "../http/cookies.ts";

/** Read one cookie from a raw request (upgrades bypass Koa). */
export function cookieFrom(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The signed-in user of an upgrade request, from the session cookie. */
export async function userOfUpgrade(
  req: IncomingMessage,
  sessions: SessionService,
  cookies: CookieSettings,
): Promise<{ user: SessionUser; token: string } | undefined> {
  const token = cookieFrom(req, cookies.session.name);
  const user = token ? await sessions.resolve(token) : undefined;
  return user && token ? { user, token } : undefined;
}

const REASONS: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests", 503: "Service Unavailable" };

/** Answer an upgrade with a plain HTTP error before any WebSocket exists (no `101`). */
export function refuseUpgrade(socket: Duplex, status: number, code: string): void {
  const body = JSON.stringify({ error: { code } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${REASONS[status] ?? "Error"}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
