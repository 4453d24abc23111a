/**
 * Caseroom's additions to the y-websocket wire protocol (DESIGN §11). Message types 0 (sync) and
 * 1 (awareness) are y-websocket's; the others are sent only to clients that opt in with
 * `caseroom=1` in the URL, so stock clients never see them.
 */
export const COLLAB_MESSAGE = {
  sync: 0,
  awareness: 1,
  /** No payload: this connection may read but not write. Sent after its first sync. */
  readOnly: 100,
  /** varUint: how many of this connection's updates are committed to the store so far. */
  saved: 101,
} as const;

/** WebSocket close codes, each with the reason the client shows. */
export const CLOSE_CODE = {
  /** A message that is not valid y-websocket protocol, or an update that does not decode. */
  malformed: 4400,
  /** The user's session ended (sign-out, timeout). */
  signedOut: 4401,
  /** The user may no longer see this document (association ended, access changed). */
  accessRevoked: 4403,
  /** Too many messages, or a read-only connection that keeps writing. */
  policyViolation: 4408,
  /** The document holds too many updates that cannot be integrated. */
  pendingLimit: 4413,
  /** The store refused a write: nothing was saved; reconnect to resume. */
  storeUnavailable: 4500,
  /** The server is restarting: reconnect shortly. */
  restarting: 4503,
} as const;

export type CloseCode = (typeof CLOSE_CODE)[keyof typeof CLOSE_CODE];

/** Frame size limit for collaboration messages. */
export const MAX_COLLAB_FRAME_BYTES = 2 * 1024 * 1024;
