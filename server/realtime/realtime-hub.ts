import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import type { Logger } from "../logger.ts";
import type { CollabServer } from "./collab-server.ts";
import type { SocketServer } from "./socket-server.ts";

/**
 * What services tell the real-time channels, without knowing them (STYLE habit 1): access
 * changed on a case, a session ended, material was served. The channels attach once the HTTP
 * server exists; before that (and in API-only use) the calls do nothing.
 */
export function createRealtimeHub(logger: Logger) {
  let collab: CollabServer | undefined;
  let sockets: SocketServer | undefined;
  const safely = (work: Promise<unknown>) =>
    work.catch((error: unknown) => logger.error({ err: error }, "real-time notification failed"));

  return {
    attach(channels: { collab: CollabServer; sockets: SocketServer }) {
      collab = channels.collab;
      sockets = channels.sockets;
    },
    /** Someone's access to the case may have changed: re-decide every open connection on it. */
    accessChanged(caseId: string): Promise<void> {
      return safely(Promise.all([collab?.recheckCase(caseId), sockets?.recheckCase(caseId)])).then(() => undefined);
    },
    /** A session ended (sign-out, expiry): close everything opened with it. */
    signedOut(match: { token?: string; userId?: string }): Promise<void> {
      collab?.closeWhere((c) => (match.token !== undefined && c.sessionToken === match.token) || (match.userId !== undefined && c.userId === match.userId), CLOSE_CODE.signedOut);
      return safely(sockets?.signedOut(match) ?? Promise.resolve()).then(() => undefined);
    },
    documentServed(caseId: string, document: unknown, parties: string[]): void {
      sockets?.documentServed(caseId, document, parties);
    },
    /** A direction was issued, varied, acknowledged or complied with: every member of the case hears. */
    directionIssued(caseId: string, direction: unknown): void {
      sockets?.directionIssued(caseId, direction);
    },
  };
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
