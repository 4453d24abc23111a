import * as decoding from "lib0/decoding";
import type * as encoding from "lib0/encoding";
import { type Accessor, createMemo, createRoot, createSignal } from "solid-js";
import { IndexeddbPersistence } from "y-indexeddb";
import type { Awareness } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { CLOSE_CODE, COLLAB_MESSAGE } from "../../../shared/protocol/collab-protocol.ts";
import { rememberLocalKey, trackOpenLocalDoc } from "./local-data.ts";

/**
 * What a collaboration doc's saving looks like to the person editing it:
 * - `connecting`: the first connection is being made;
 * - `saving`: changes are on their way to the server, or the server has not yet said it holds them;
 * - `saved`: the server has acknowledged that everything made here is in its store;
 * - `offline`: no connection; changes are kept on this device and sent on reconnect;
 * - `read-only`: the server said this connection may read but not write.
 */
export type CollabStatus = "connecting" | "saving" | "saved" | "offline" | "read-only";

export type CollabDoc = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  /** The WebSocket is open. */
  connected: Accessor<boolean>;
  /** The server's state has been received on the current connection. */
  synced: Accessor<boolean>;
  /** The server said this connection may not write (Caseroom message 100). */
  readOnly: Accessor<boolean>;
  /** Every change made here is acknowledged as stored by the server (Caseroom message 101). */
  saved: Accessor<boolean>;
  /** Changes made here that the server has not acknowledged yet. */
  unsavedCount: Accessor<number>;
  /** The close code of the last connection the server ended with a Caseroom code (4xxx), until the next sync. */
  lastClose: Accessor<number | undefined>;
  /** The provider no longer reconnects (signed out, access revoked, or destroyed). */
  stopped: Accessor<boolean>;
  status: Accessor<CollabStatus>;
  /** Resolves when the copy kept on this device has been loaded into `doc` (at once without one). */
  whenLocalLoaded: Promise<void>;
  destroy(): void;
};

export type OpenCollabDocOptions = {
  /** The signed-in user's id: with it, the doc is kept on this device (IndexedDB) under their name. */
  userId?: string;
  /** Server URL override (tests); by default `/collab` on this page's host. */
  serverUrl?: string;
};

/** Close codes after which reconnecting cannot help: the user must act (sign in) or has lost access. */
const TERMINAL_CLOSE_CODES: ReadonlySet<number> = new Set([CLOSE_CODE.signedOut, CLOSE_CODE.accessRevoked]);

export function isTerminalClose(code: number | undefined): boolean {
  return code !== undefined && TERMINAL_CLOSE_CODES.has(code);
}

/** The IndexedDB database that keeps `docName` on this device for `userId`. */
export function localKey(userId: string, docName: string): string {
  return `caseroom:${userId}:${docName}`;
}

function defaultServerUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
}

/**
 * Open a collaboration doc (DESIGN §3) over y-websocket, opted in to Caseroom's `readOnly` (100)
 * and `saved` (101) messages, with a copy on this device so that edits survive a lost connection
 * or a reload and merge on reconnect.
 *
 * "Saved" follows the server's acknowledgements only. On each connection the server counts this
 * connection's SyncStep2 and Update messages and acknowledges how many are committed. The client
 * counts the same: one for its answer to the server's SyncStep1 (which carries everything the
 * server lacks, including edits made offline), and one for each local update sent while the
 * socket is open. Everything is saved when the acknowledged count reaches the sent count and no
 * edit made offline waits for the next connection.
 */
export function openCollabDoc(docName: string, options: OpenCollabDocOptions = {}): CollabDoc {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(options.serverUrl ?? defaultServerUrl(), docName, doc, {
    params: { caseroom: "1" },
    disableBc: true,
    maxBackoffTime: 5000,
    connect: false,
  });

  const [connected, setConnected] = createSignal(false);
  const [everConnected, setEverConnected] = createSignal(false);
  const [synced, setSynced] = createSignal(false);
  const [readOnly, setReadOnly] = createSignal(false);
  const [saved, setSaved] = createSignal(true);
  const [unsavedCount, setUnsavedCount] = createSignal(0);
  const [lastClose, setLastClose] = createSignal<number>();
  const [stopped, setStopped] = createSignal(false);

  // Per connection: messages sent that the server counts, and its latest acknowledgement.
  let sent = 0;
  let acked = 0;
  let answeredSyncStep1 = false;
  /**
   * The local updates not yet acknowledged, by the number of the message that carries them.
   * Infinity: made while offline (or sent on a connection that closed before acknowledging), to be
   * carried by the answer to the next connection's SyncStep1.
   */
  let pending: number[] = [];

  const isOpen = () => provider.wsconnected && provider.ws?.readyState === WebSocket.OPEN;

  const recompute = () => {
    setUnsavedCount(pending.length);
    setSaved(pending.length === 0 && (!isOpen() || (answeredSyncStep1 && acked >= sent)));
  };

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // The provider applies what the server sends with itself as origin; everything else is ours
    // (typing, and the copy loaded from this device) and the provider sends it.
    if (origin === provider) return;
    if (isOpen()) {
      sent += 1;
      pending.push(sent);
    } else {
      pending.push(Number.POSITIVE_INFINITY);
    }
    recompute();
  };
  doc.on("update", onUpdate);

  const syncHandler = provider.messageHandlers[COLLAB_MESSAGE.sync];
  provider.messageHandlers[COLLAB_MESSAGE.sync] = (
    encoder: encoding.Encoder,
    decoder: decoding.Decoder,
    target: WebsocketProvider,
    emitSynced: boolean,
    messageType: number,
  ) => {
    // Peek at the sync message type without consuming it: the stock handler reads it again.
    const isSyncStep1 = decoding.peekVarUint(decoder) === syncProtocol.messageYjsSyncStep1;
    syncHandler?.(encoder, decoder, target, emitSynced, messageType);
    if (!isSyncStep1) return;
    // The stock handler wrote our SyncStep2 into `encoder`; the provider sends it on return.
    sent += 1;
    answeredSyncStep1 = true;
    const carriedBy = sent;
    pending = pending.map((seq) => (seq === Number.POSITIVE_INFINITY ? carriedBy : seq));
    recompute();
  };
  provider.messageHandlers[COLLAB_MESSAGE.readOnly] = () => {
    setReadOnly(true);
  };
  provider.messageHandlers[COLLAB_MESSAGE.saved] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    acked = Math.max(acked, decoding.readVarUint(decoder));
    // Only a writer is acknowledged.
    setReadOnly(false);
    pending = pending.filter((seq) => seq > acked);
    recompute();
  };

  provider.on("status", ({ status }) => {
    setConnected(status === "connected");
    if (status === "connected") setEverConnected(true);
    recompute();
  });
  provider.on("sync", (isSynced: boolean) => {
    setSynced(isSynced);
    if (isSynced && !isTerminalClose(lastClose())) setLastClose(undefined);
  });
  provider.on("connection-close", (event: CloseEvent | null) => {
    sent = 0;
    acked = 0;
    answeredSyncStep1 = false;
    // Whatever was not acknowledged goes again in the answer to the next SyncStep1.
    pending = pending.map(() => Number.POSITIVE_INFINITY);
    const code = event?.code;
    if (code !== undefined && code >= 4000) setLastClose(code);
    if (isTerminalClose(code)) {
      // The reconnect the provider has just scheduled checks this and does nothing.
      provider.shouldConnect = false;
      setStopped(true);
    }
    setSynced(false);
    recompute();
  });

  let persistence: IndexeddbPersistence | undefined;
  let untrack = () => {};
  let whenLocalLoaded: Promise<void> = Promise.resolve();
  if (options.userId && typeof indexedDB !== "undefined") {
    const key = localKey(options.userId, docName);
    rememberLocalKey(key);
    persistence = new IndexeddbPersistence(key, doc);
    const local = persistence;
    untrack = trackOpenLocalDoc(key, () => local.destroy());
    // Connect once the copy on this device is in the doc, so the first SyncStep2 carries it;
    // connect anyway if this device cannot open it.
    whenLocalLoaded = Promise.race([
      local.whenSynced.then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, 1500)),
    ]);
  }

  let destroyed = false;
  void whenLocalLoaded.then(() => {
    if (!destroyed) provider.connect();
  });

  // `status` derives from the signals; a root of its own, as this may be called outside a component.
  const { status, dispose } = createRoot((disposeRoot) => ({
    status: createMemo<CollabStatus>(() => {
      if (readOnly()) return "read-only";
      if (!connected()) return everConnected() || stopped() ? "offline" : "connecting";
      return saved() ? "saved" : "saving";
    }),
    dispose: disposeRoot,
  }));

  return {
    doc,
    provider,
    awareness: provider.awareness,
    connected,
    synced,
    readOnly,
    saved,
    unsavedCount,
    lastClose,
    stopped,
    status,
    whenLocalLoaded,
    destroy() {
      if (destroyed) return;
      destroyed = true;
      setStopped(true);
      doc.off("update", onUpdate);
      provider.destroy();
      untrack();
      void persistence?.destroy();
      doc.destroy();
      dispose();
    },
  };
}

export { clearLocalCaseData, clearLocalData } from "./local-data.ts";
