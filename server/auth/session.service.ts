import { createHash, randomBytes } from "node:crypto";
import type { Actor } from "../../shared/policy/access-policy.ts";
import { type Party, partyOf } from "../../shared/policy/party.ts";
import type { Role } from "../../shared/schemas/user.schema.ts";
import type { Clock } from "../dependencies.ts";
import { isStoreUnavailable } from "../storage/store-errors.ts";
import type { Store } from "../storage/store.ts";

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** last-seen is written at most this often, so reads stay reads. */
const TOUCH_INTERVAL_MS = 60_000;

/** The signed-in user as every channel sees it. */
export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  party: Party;
  organisation: { id: string; name: string };
  courts: string[];
};

/** The signed-in user as the access policy sees them. */
export function actorOfUser(user: SessionUser): Actor {
  return { id: user.id, role: user.role, party: user.party, organisationId: user.organisation.id, courts: user.courts };
}

/** What the store keeps of a session token, and what instances tell each other about one. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Server-side sessions (DESIGN §6): the cookie carries 32 random bytes; the store keeps only
 * their hash, so a copy of the database holds no usable session. Idle and absolute timeouts are
 * enforced here, on every request.
 */
export function createSessionService(options: { store: Store; clock: Clock }) {
  const { store, clock } = options;
  return {
    async create(userId: string): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      const now = clock().toISOString();
      await store.sessions.create({ idHash: hashToken(token), userId, createdAt: now, lastSeenAt: now });
      return token;
    },

    /** The user of a live session, or undefined (an expired session is removed). */
    async resolve(token: string | undefined): Promise<SessionUser | undefined> {
      if (!token || token.length > 100) return undefined;
      const idHash = hashToken(token);
      const session = await store.sessions.get(idHash);
      if (!session) return undefined;
      const now = clock().getTime();
      const idle = now - Date.parse(session.lastSeenAt);
      if (idle > IDLE_TIMEOUT_MS || now - Date.parse(session.createdAt) > ABSOLUTE_TIMEOUT_MS) {
        await store.sessions.delete(idHash);
        return undefined;
      }
      const user = await store.users.get(session.userId);
      if (!user) return undefined;
      const organisation = await store.organisations.get(user.organisationId);
      // Keeping the session alive is a write; while the store refuses writes, reading goes on (the
      // next request touches it instead).
      if (idle > TOUCH_INTERVAL_MS) {
        await store.sessions.touch(idHash, new Date(now).toISOString()).catch((error: unknown) => {
          if (!isStoreUnavailable(error)) throw error;
        });
      }
      return {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        party: partyOf(user),
        organisation: { id: user.organisationId, name: organisation?.name ?? user.organisationId },
        courts: user.courts,
      };
    },

    /** Whether the session is still live, without counting this as activity. */
    async isLive(token: string): Promise<boolean> {
      const session = await store.sessions.get(hashToken(token));
      if (!session) return false;
      const now = clock().getTime();
      return now - Date.parse(session.lastSeenAt) <= IDLE_TIMEOUT_MS && now - Date.parse(session.createdAt) <= ABSOLUTE_TIMEOUT_MS;
    },

    async destroy(token: string | undefined): Promise<void> {
      if (token) await store.sessions.delete(hashToken(token));
    },

    async sweep(): Promise<number> {
      const now = clock().getTime();
      return store.sessions.deleteExpired(
        new Date(now - IDLE_TIMEOUT_MS).toISOString(),
        new Date(now - ABSOLUTE_TIMEOUT_MS).toISOString(),
      );
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
