import { z } from "zod";

/** Where a user is in a case, as presence shows it to their own party. */
export const presenceLocation = z
  .object({
    view: z.enum(["overview", "documents", "document", "notes", "forms", "form", "directions"]),
    id: z.string().max(100).optional(),
  })
  .strict();
export type PresenceLocation = z.infer<typeof presenceLocation>;

/** Client → server: "I am looking at this case (here)"; a null location means "I have left it". */
export const presenceUpdate = z.object({ caseId: z.string().min(1).max(64), location: presenceLocation.nullable() }).strict();
export type PresenceUpdate = z.infer<typeof presenceUpdate>;

export type PresencePerson = {
  userId: string;
  name: string;
  organisation: string;
  role: string;
  /** Only for people of the receiver's own party: where they are in the case. */
  location?: PresenceLocation | null;
};

/** Why the server ended access; the client shows the matching message. */
export const REVOKE_REASON = { signedOut: "signed-out", accessEnded: "access-ended" } as const;
export type RevokeReason = (typeof REVOKE_REASON)[keyof typeof REVOKE_REASON];

/** Events the server sends (DESIGN §11). */
export interface ServerToClientEvents {
  "direction:issued": (payload: { caseId: string; direction: unknown }) => void;
  "document:served": (payload: { caseId: string; document: unknown }) => void;
  /**
   * The case's details (case, defendants, offences, hearings) changed: the client refreshes its
   * overview. `version` is the case record's; defendants, offences and hearings carry their own.
   */
  "case:updated": (payload: { caseId: string; version: number }) => void;
  presence: (payload: { caseId: string; people: PresencePerson[] }) => void;
  "access:revoked": (payload: { caseId: string | null; reason: RevokeReason }) => void;
  "presentation:state": (payload: PresentationState) => void;
  /** This server is about to restart: the connection drops and the client reconnects by itself. */
  "server:restarting": () => void;
}

/** Client → server: "this direction (version) reached me" — recorded as its receipt. */
export const directionReceived = z.object({ directionId: z.string().min(1).max(64), version: z.number().int().positive() }).strict();
export type DirectionReceived = z.infer<typeof directionReceived>;

/** Presenting a document in a hearing (server-authoritative; one presenter per case). */
export const presentationStart = z.object({ caseId: z.string().min(1).max(64), documentId: z.string().min(1).max(64) }).strict();
export const presentationMove = z.object({ caseId: z.string().min(1).max(64), page: z.number().int().min(1).max(100_000), zoom: z.number().min(0.1).max(10) }).strict();
export const presentationStop = z.object({ caseId: z.string().min(1).max(64) }).strict();
export type PresentationState = {
  caseId: string;
  presenter: { userId: string; name: string } | null;
  documentId: string | null;
  page: number;
  zoom: number;
};

type Ack = (result: { ok: boolean; error?: string }) => void;

/** Events a client may send; each payload is validated with the schemas above. */
export interface ClientToServerEvents {
  "presence:update": (payload: PresenceUpdate, ack?: (result: { ok: boolean; error?: string }) => void) => void;
  "direction:received": (payload: DirectionReceived, ack?: Ack) => void;
  "presentation:start": (payload: z.infer<typeof presentationStart>, ack?: Ack) => void;
  "presentation:move": (payload: z.infer<typeof presentationMove>, ack?: Ack) => void;
  "presentation:stop": (payload: z.infer<typeof presentationStop>, ack?: Ack) => void;
}

/** Socket.IO rooms, named only by the server. */
export const ROOM = {
  user: (userId: string) => `user:${userId}`,
  case: (caseId: string) => `case:${caseId}`,
  caseParty: (caseId: string, party: string) => `case:${caseId}:party:${party}`,
} as const;
