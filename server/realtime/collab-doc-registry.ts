import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import { CLOSE_CODE } from "../../shared/protocol/collab-protocol.ts";
import type { DocName } from "../../shared/protocol/doc-names.ts";
import type { Clock } from "../dependencies.ts";
import type { Logger } from "../logger.ts";
import type { ClusterBus } from "../redis/cluster-bus.ts";
import type { Store } from "../storage/store.ts";
import { updateMessage } from "./collab-messages.ts";

/** Someone the registry can tell about commits and failures: one WebSocket connection. */
export interface CollabPeer {
  readonly userId: string;
  /** Called after a commit that holds `count` more of this peer's messages. */
  committed(count: number): void;
  /** Send a y-websocket message to this peer. */
  send(message: Uint8Array): void;
  /** Close with a code; the registry calls it when the doc can no longer be served. */
  close(code: number): void;
}

type Pending = { peer: CollabPeer; update: Uint8Array | null; relay: Uint8Array | null };

/**
 * One loaded document. Invariant: `doc` holds exactly what the store holds. An accepted update is
 * appended to the store (one transaction per tick, for every doc at once) and only then applied,
 * relayed to the other peers and acknowledged, so nobody ever sees an update that a crash could
 * lose, and a sync reply computed from `doc` never includes one.
 */
export class CollabDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly peers = new Set<CollabPeer>();
  /** Which peer introduced each awareness client id (only it may update that id). */
  readonly awarenessOwners = new Map<number, CollabPeer>();
  /** Log entries (by store sequence number) this doc holds that no snapshot of ours covers yet. */
  coveredSeqs: number[] = [];
  pending: Pending[] = [];
  unloadTimer: NodeJS.Timeout | undefined;
  isClosed = false;

  constructor(
    readonly name: string,
    readonly parsed: DocName,
  ) {
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
  }

  /** Pending structs held by the doc (updates whose dependencies never arrived), in bytes. */
  pendingBytes(): number {
    const store = this.doc.store;
    return (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
  }
}

export type RegistryOptions = {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** How long a doc with no peers stays loaded. */
  unloadGraceMs?: number;
  /** Log length (updates since the snapshot) that triggers compaction. */
  compactAfter?: number;
  /** Bytes of never-integrating structs a doc may hold; the writer that passes it is disconnected. */
  maxPendingBytes?: number;
  /** Other instances (scale-out): updates persisted here are relayed to them, and theirs applied here. */
  bus?: ClusterBus;
};

/** The origin of updates that reach a doc from another instance or from a resync. */
export const REMOTE_ORIGIN = Symbol("remote");

/**
 * Loads, persists and unloads collaboration documents. Loading is single-flight and complete
 * before the first sync reply; writes are batched per tick into one store transaction.
 */
export function createDocRegistry(options: RegistryOptions) {
  const { store, clock, logger } = options;
  const unloadGraceMs = options.unloadGraceMs ?? 2_000;
  const compactAfter = options.compactAfter ?? 500;
  const maxPendingBytes = options.maxPendingBytes ?? 1024 * 1024;
  const loaded = new Map<string, CollabDoc>();
  const loading = new Map<string, Promise<CollabDoc>>();
  let flushScheduled = false;
  let flushing: Promise<void> = Promise.resolve();
  const dirty = new Set<CollabDoc>();

  /** Attribution recorded during the current flush: which user changed which top-level item. */
  let attributed: { docName: string; key: string; userId: string; at: string }[] = [];
  let flushAt = "";

  /**
   * Who changed what, from the server's side (never a client's claim): the top-level items of a
   * form part (its fields) and of a notes doc (its annotations), attributed to the connection
   * whose update changed them.
   */
  function watchAttribution(entry: CollabDoc) {
    const top = entry.parsed.kind === "form-part" ? "fields" : "annotations";
    entry.doc.getMap(top).observeDeep((events, transaction) => {
      const origin = transaction.origin as CollabPeer | null;
      if (!origin || typeof origin.userId !== "string") return;
      const keys = new Set<string>();
      for (const event of events) {
        if (event.path.length === 0 && event instanceof Y.YMapEvent) for (const key of event.keysChanged) keys.add(key);
        else if (typeof event.path[0] === "string") keys.add(event.path[0]);
      }
      for (const key of keys) attributed.push({ docName: entry.name, key, userId: origin.userId, at: flushAt });
    });
  }

  /** Updates from other instances that arrive while a doc is loading, applied once it is. */
  const arrivedWhileLoading = new Map<string, { seq: number; update: Uint8Array }[]>();

  /**
   * Apply an update, and survive one Yjs cannot integrate (a well-formed update that conflicts with
   * the doc's state in a way no real client produces): it is skipped and logged, never thrown into
   * the event loop, where it would take the process down.
   */
  function applySafely(doc: Y.Doc, update: Uint8Array, origin: unknown): boolean {
    try {
      Y.applyUpdate(doc, update, origin);
      return true;
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, "collab update could not be applied; skipped");
      return false;
    }
  }

  async function load(name: string, parsed: DocName): Promise<CollabDoc> {
    const existing = loaded.get(name);
    if (existing) return existing;
    let inFlight = loading.get(name);
    if (!inFlight) {
      arrivedWhileLoading.set(name, []);
      inFlight = (async () => {
        const entry = new CollabDoc(name, parsed);
        const { snapshot, updates } = await store.collab.load(name);
        Y.transact(entry.doc, () => {
          if (snapshot) applySafely(entry.doc, snapshot, REMOTE_ORIGIN);
          for (const u of updates) applySafely(entry.doc, u.update, REMOTE_ORIGIN);
          // Published after their commit, so possibly after our read: applying twice is harmless.
          for (const u of arrivedWhileLoading.get(name) ?? []) applySafely(entry.doc, u.update, REMOTE_ORIGIN);
        }, REMOTE_ORIGIN);
        entry.coveredSeqs = updates.map((u) => u.seq);
        // A long log (written by an older version, or while compaction failed) is compacted soon
        // after the load, out of the way of the first clients' sync, so the next load is short.
        if (updates.length >= compactAfter) {
          setTimeout(() => {
            flushing = flushing.then(() => (entry.isClosed ? undefined : compact(entry)));
          }, 1_000).unref();
        }
        for (const u of arrivedWhileLoading.get(name) ?? []) entry.coveredSeqs.push(u.seq);
        watchAttribution(entry);
        loaded.set(name, entry);
        return entry;
      })().finally(() => {
        loading.delete(name);
        arrivedWhileLoading.delete(name);
      });
      loading.set(name, inFlight);
    }
    return inFlight;
  }

  /** An update another instance persisted: apply it and pass it to this instance's peers. */
  function applyRemote(name: string, seq: number, update: Uint8Array) {
    const waiting = arrivedWhileLoading.get(name);
    if (waiting) {
      waiting.push({ seq, update });
      return;
    }
    const entry = loaded.get(name);
    if (!entry || entry.isClosed) return;
    entry.coveredSeqs.push(seq);
    if (!applySafely(entry.doc, update, REMOTE_ORIGIN)) return;
    const message = updateMessage(update);
    for (const peer of entry.peers) peer.send(message);
  }

  /**
   * Catch up every loaded doc from the store (after Redis was away): whatever the doc lacks is
   * applied and sent to its peers as one update.
   */
  async function resync() {
    for (const entry of [...loaded.values()]) {
      try {
        const { snapshot, updates } = await store.collab.load(entry.name);
        if (entry.isClosed) continue;
        // The doc reports exactly what the store added to it; that is what its peers lack.
        const changes: Uint8Array[] = [];
        const collect = (update: Uint8Array) => changes.push(update);
        entry.doc.on("update", collect);
        try {
          Y.transact(entry.doc, () => {
            if (snapshot) applySafely(entry.doc, snapshot, REMOTE_ORIGIN);
            for (const u of updates) applySafely(entry.doc, u.update, REMOTE_ORIGIN);
          }, REMOTE_ORIGIN);
        } finally {
          entry.doc.off("update", collect);
        }
        const known = new Set(entry.coveredSeqs);
        for (const u of updates) if (!known.has(u.seq)) entry.coveredSeqs.push(u.seq);
        if (changes.length > 0) {
          const message = updateMessage(changes.length === 1 ? (changes[0] as Uint8Array) : Y.mergeUpdates(changes));
          for (const peer of entry.peers) peer.send(message);
        }
      } catch (error) {
        logger.warn({ err: error }, "collab resync failed; will retry on the next one");
      }
    }
  }

  function attach(entry: CollabDoc, peer: CollabPeer) {
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = undefined;
    entry.peers.add(peer);
  }

  function detach(entry: CollabDoc, peer: CollabPeer) {
    entry.peers.delete(peer);
    if (entry.peers.size > 0 || entry.isClosed) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => {
      void unload(entry);
    }, unloadGraceMs);
    entry.unloadTimer.unref();
  }

  /** Flush what is pending, then drop the doc from memory (if still unused). */
  async function unload(entry: CollabDoc) {
    await flushing;
    if (entry.pending.length > 0) await flush();
    if (entry.peers.size > 0 || entry.isClosed) return;
    entry.isClosed = true;
    loaded.delete(entry.name);
    entry.awareness.destroy();
    entry.doc.destroy();
  }

  /**
   * Accept a message from a writer: `update` is null for a message that changes nothing (it still
   * takes its place in the order of acknowledgements).
   */
  function accept(entry: CollabDoc, peer: CollabPeer, update: Uint8Array | null, relay: Uint8Array | null) {
    entry.pending.push({ peer, update, relay });
    dirty.add(entry);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(() => {
        flushScheduled = false;
        flushing = flushing.then(flush, flush);
      });
    }
  }

  async function flush(): Promise<void> {
    const docs = [...dirty];
    dirty.clear();
    const batches = docs.map((entry) => ({ entry, items: entry.pending.splice(0) })).filter((b) => b.items.length > 0);
    if (batches.length === 0) return;
    const at = clock().toISOString();
    const rows = batches.flatMap(({ entry, items }) =>
      items.filter((i) => i.update !== null).map((i) => ({ docName: entry.name, update: i.update as Uint8Array, userId: i.peer.userId, at })),
    );
    let seqs: number[];
    try {
      seqs = rows.length > 0 ? await store.collab.append(rows) : [];
    } catch (error) {
      // Nothing was applied (updates are applied only once stored), so each doc still holds exactly
      // what the store holds: its readers stay connected and keep reading. The writers are closed
      // without "saved"; their clients keep the edits and send them again when they reconnect,
      // which succeeds as soon as the store is writable again.
      logger.error({ err: error, docs: batches.length }, "collab write failed");
      for (const { items } of batches) for (const item of items) item.peer.close(CLOSE_CODE.storeUnavailable);
      return;
    }
    let seqIndex = 0;
    flushAt = at;
    attributed = [];
    for (const { entry, items } of batches) {
      if (entry.isClosed) continue;
      const counts = new Map<CollabPeer, number>();
      for (const item of items) {
        if (item.update) {
          const seq = seqs[seqIndex++] as number;
          // Covered even if it cannot be applied: compaction then drops it from the log.
          entry.coveredSeqs.push(seq);
          if (!applySafely(entry.doc, item.update, item.peer)) {
            item.peer.close(CLOSE_CODE.malformed);
            continue;
          }
          // Updates whose dependencies never arrive wait in the doc: a writer that piles them up goes.
          if (entry.pendingBytes() > maxPendingBytes) item.peer.close(CLOSE_CODE.pendingLimit);
          if (item.relay) for (const other of entry.peers) if (other !== item.peer) other.send(item.relay);
          options.bus?.publishUpdate(entry.name, seq, item.update);
        }
        counts.set(item.peer, (counts.get(item.peer) ?? 0) + 1);
      }
      for (const [peer, count] of counts) if (entry.peers.has(peer)) peer.committed(count);
      if (entry.coveredSeqs.length >= compactAfter && entry.pending.length === 0) await compact(entry);
    }
    if (attributed.length > 0) {
      const rows = attributed;
      attributed = [];
      await store.collab.attribute(rows).catch((error: unknown) => logger.warn({ err: error }, "attribution not recorded"));
    }
  }

  /**
   * Replace the log entries this doc holds with a snapshot encoded from the doc (never by merging
   * long logs). Another instance may have written a snapshot holding what this doc lacks, so the
   * store merges the two; entries this doc has not seen stay in the log.
   */
  async function compact(entry: CollabDoc) {
    const covered = entry.coveredSeqs.length;
    try {
      const state = Y.encodeStateAsUpdate(entry.doc);
      await store.collab.compact(
        entry.name,
        (existing) => (existing ? Y.mergeUpdates([existing, state]) : state),
        entry.coveredSeqs.slice(0, covered),
        clock().toISOString(),
      );
      entry.coveredSeqs.splice(0, covered);
    } catch (error) {
      logger.warn({ err: error }, "collab compaction failed; the log is kept");
    }
  }

  /**
   * Resyncs take their turn with flushes (so a row this instance just committed is applied by its
   * flush, with its attribution, never first by a resync), and requests made while one waits
   * share it.
   */
  let resyncQueued = false;
  function requestResync(): Promise<void> {
    if (resyncQueued) return flushing;
    resyncQueued = true;
    const run = () => {
      resyncQueued = false;
      return resync();
    };
    flushing = flushing.then(run, run);
    return flushing;
  }

  options.bus?.subscribe({ update: applyRemote, resync: () => void requestResync() });

  return {
    load,
    resync: requestResync,
    attach,
    detach,
    accept,
    /** Wait until everything accepted so far is committed. */
    async flushAll(): Promise<void> {
      await flushing;
      if (dirty.size > 0) {
        flushing = flushing.then(flush, flush);
        await flushing;
      }
    },
    loadedNames: () => [...loaded.keys()],
    get: (name: string) => loaded.get(name),
  };
}

export type DocRegistry = ReturnType<typeof createDocRegistry>;
