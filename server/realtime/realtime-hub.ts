import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import { hashToken } from "../auth/session.service.ts";
import type { Logger } from "../logger.ts";
import type { ClusterBus } from "../redis/cluster-bus.ts";
import type { CollabServer } from "./collab-server.ts";
import type { SocketServer } from "./socket-server.ts";

/**
 * What services tell the real-time channels, without knowing them (STYLE habit 1): access
 * changed on a case, a session ended, material was served. The channels attach once the HTTP
 * server exists; before that (and in API-only use) the calls do nothing. With several instances,
 * access changes and sign-outs travel on the cluster bus, so every instance closes what it holds.
 */
export function createRealtimeHub(logger: Logger, bus?: ClusterBus) {
  let collab: CollabServer | undefined;
  let sockets: SocketServer | undefined;
  const safely = (work: Promise<unknown>) =>
    work.catch((error: unknown) => logger.error({ err: error }, "real-time notification failed"));

  const recheckLocally = (caseId: string) =>
    safely(Promise.all([collab?.recheckCase(caseId), sockets?.recheckCase(caseId)])).then(() => undefined);
  const closeLocally = (match: { tokenHash?: string; userId?: string }) => {
    collab?.closeWhere(
      (c) => (match.tokenHash !== undefined && hashToken(c.sessionToken) === match.tokenHash) || (match.userId !== undefined && c.userId === match.userId),
      CLOSE_CODE.signedOut,
    );
    return safely(sockets?.signedOut(match) ?? Promise.resolve()).then(() => undefined);
  };
  bus?.subscribe({
    control(message) {
      if (message.type === "access-changed") void recheckLocally(message.caseId);
      else if (message.type === "signed-out") void closeLocally(message);
    },
  });

  return {
    attach(channels: { collab: CollabServer; sockets: SocketServer }) {
      collab = channels.collab;
      sockets = channels.sockets;
    },
    /** Someone's access to the case may have changed: re-decide every open connection on it. */
    accessChanged(caseId: string): Promise<void> {
      bus?.publishControl({ type: "access-changed", caseId });
      return recheckLocally(caseId);
    },
    /** A session ended (sign-out, expiry): close everything opened with it. */
    signedOut(match: { token?: string; userId?: string }): Promise<void> {
      const ended = { tokenHash: match.token === undefined ? undefined : hashToken(match.token), userId: match.userId };
      bus?.publishControl({ type: "signed-out", ...ended });
      return closeLocally(ended);
    },
    documentServed(caseId: string, document: unknown, parties: string[]): void {
      sockets?.documentServed(caseId, document, parties);
    },
    /** A direction was issued, varied, acknowledged or complied with: every member of the case hears. */
    directionIssued(caseId: string, direction: unknown): void {
      sockets?.directionIssued(caseId, direction);
    },
    /** A case's details changed (intake, edits, listing, sending): every member of the case hears. */
    caseUpdated(caseId: string, version: number): void {
      sockets?.caseUpdated(caseId, version);
    },
  };
}

export type RealtimeHub = ReturnType<typeof createRealtimeHub>;
