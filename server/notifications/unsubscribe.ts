import { createHmac, timingSafeEqual } from "node:crypto";
import type { NoticeKind } from "../../shared/schemas/notification.schema.ts";

/**
 * The unsubscribe link of each e-mail: it works without signing in, so it carries its own proof,
 * an HMAC of the user and the kind under a key only the server holds. It can turn off that one
 * kind for that one user, and nothing else.
 */
export function createUnsubscribeLinks(options: { baseUrl: string; secret: Buffer }) {
  const mac = (userId: string, kind: string) => createHmac("sha256", options.secret).update(`unsubscribe\n${userId}\n${kind}`).digest("base64url");
  return {
    linkFor(userId: string, kind: NoticeKind): string {
      const query = new URLSearchParams({ user: userId, kind, token: mac(userId, kind) });
      return `${options.baseUrl}/notifications/unsubscribe?${query}`;
    },
    isValid(userId: string, kind: string, token: string): boolean {
      const expected = Buffer.from(mac(userId, kind));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export type UnsubscribeLinks = ReturnType<typeof createUnsubscribeLinks>;
