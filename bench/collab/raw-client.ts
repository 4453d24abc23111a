/**
 * The load generator's raw protocol client: one `ws` connection to one document, speaking either
 * plain y-websocket framing or Hocuspocus framing (each message prefixed with the document name
 * as a varString, an Auth message first, SyncStatus acknowledgements ignored). Readers never build
 * a Y.Doc: they hand each incoming update to `onUpdate`, which reads its (clientID, clock) range
 * with `Y.parseUpdateMeta`. Writers hold a real Y.Doc and send each local update as a sync Update.
 */
import { performance } from "node:perf_hooks";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";

export type Codec = "y-websocket" | "hocuspocus";

/** Where and how to open a raw connection to one document. */
export type Endpoint = { url: string; headers: Record<string, string>; codec: Codec; docName: string };

const MESSAGE = { sync: 0, awareness: 1, auth: 2, close: 7, syncStatus: 8 } as const;
const SYNC = { step1: 0, step2: 1, update: 2 } as const;
/** Hocuspocus Auth sub-types (@hocuspocus/common AuthMessageType). */
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 } as const;

/** What a reader answers the server's SyncStep1 with: the state of an empty doc, encoded once. */
const EMPTY_STATE = Y.encodeStateAsUpdate(new Y.Doc());
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

function frame(endpoint: Endpoint, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  if (endpoint.codec === "hocuspocus") encoding.writeVarString(encoder, endpoint.docName);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function syncFrame(endpoint: Endpoint, syncType: number, payload: Uint8Array): Uint8Array {
  return frame(endpoint, (encoder) => {
    encoding.writeVarUint(encoder, MESSAGE.sync);
    encoding.writeVarUint(encoder, syncType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export type RawClientOptions = {
  /** A writer's doc: answers the server's SyncStep1 and sends every local update. */
  doc?: Y.Doc;
  /** Called with the send time of each local update of `doc`, just before it is sent. */
  onSend?: (update: Uint8Array, at: number) => void;
  /** A live update from the server (sync Update); the bytes are only valid during the call. */
  onUpdate?: (update: Uint8Array, client: RawClient) => void;
  /** The server's SyncStep2 (the whole state this client lacked). */
  onSyncStep2?: (update: Uint8Array, client: RawClient) => void;
};

export class RawClient {
  readonly ws: WebSocket;
  /** performance.now() when the client started opening the connection. */
  readonly startedAt = performance.now();
  openedAt = 0;
  /** When the server's SyncStep2 arrived (0 until then). */
  syncedAt = 0;
  /** Why the connection failed or closed, if it did. */
  failure: string | undefined;
  readonly synced: Promise<void>;
  readonly closed: Promise<void>;
  private resolveSynced!: () => void;
  private rejectSynced!: (error: Error) => void;
  private readonly onDocUpdate?: (update: Uint8Array, origin: unknown) => void;

  constructor(
    readonly endpoint: Endpoint,
    readonly options: RawClientOptions = {},
  ) {
    this.synced = new Promise<void>((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    this.synced.catch(() => undefined);
    const ws = new WebSocket(endpoint.url, { headers: endpoint.headers, perMessageDeflate: false });
    this.ws = ws;
    this.closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
    ws.on("unexpected-response", (_req, res) => this.fail(`HTTP ${res.statusCode}`));
    ws.on("error", (error) => this.fail(error.message));
    ws.on("close", (code) => this.fail(`closed ${code}`));
    ws.on("open", () => {
      this.openedAt = performance.now();
      if (endpoint.codec === "hocuspocus") {
        this.send(
          frame(endpoint, (encoder) => {
            encoding.writeVarUint(encoder, MESSAGE.auth);
            encoding.writeVarUint(encoder, AUTH.token);
            encoding.writeVarString(encoder, "bench");
          }),
        );
      }
      const doc = options.doc;
      this.send(syncFrame(endpoint, SYNC.step1, doc ? Y.encodeStateVector(doc) : EMPTY_STATE_VECTOR));
    });
    ws.on("message", (data: Buffer) => this.receive(data));
    const doc = options.doc;
    if (doc) {
      this.onDocUpdate = (update, origin) => {
        if (origin === this) return;
        if (this.ws.readyState !== WebSocket.OPEN) return;
        options.onSend?.(update, performance.now());
        this.send(syncFrame(endpoint, SYNC.update, update));
      };
      doc.on("update", this.onDocUpdate);
    }
  }

  private fail(reason: string) {
    this.failure ??= reason;
    if (!this.syncedAt) this.rejectSynced(new Error(`${this.endpoint.docName}: ${reason}`));
  }

  private send(message: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  private receive(data: Buffer) {
    const decoder = decoding.createDecoder(data);
    if (this.endpoint.codec === "hocuspocus") decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SYNC.update) this.options.onUpdate?.(payload, this);
      else if (syncType === SYNC.step1) {
        const doc = this.options.doc;
        this.send(syncFrame(this.endpoint, SYNC.step2, doc ? Y.encodeStateAsUpdate(doc, payload) : EMPTY_STATE));
      } else if (syncType === SYNC.step2) {
        this.options.onSyncStep2?.(payload, this);
        if (!this.syncedAt) {
          this.syncedAt = performance.now();
          this.resolveSynced();
        }
      }
    } else if (type === MESSAGE.auth && decoding.readVarUint(decoder) === AUTH.permissionDenied) {
      this.fail(`permission denied: ${decoding.readVarString(decoder)}`);
      this.ws.close();
    }
    // Awareness, SyncStatus and Hocuspocus' CLOSE need no answer from a benchmark client.
  }

  /** Stop sending the doc's updates and close the connection politely. */
  close(): Promise<void> {
    this.detach();
    if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close();
    return this.closed;
  }

  /** Drop the connection at once, as a network failure would (no close handshake). */
  terminate(): Promise<void> {
    this.detach();
    this.ws.terminate();
    return this.closed;
  }

  private detach() {
    if (this.onDocUpdate) this.options.doc?.off("update", this.onDocUpdate);
  }
}

/**
 * Open one client per item with at most `concurrency` opening handshakes in flight (a burst of
 * thousands of SYNs would overflow the listen backlog and measure TCP retransmits instead), and
 * wait until every one is synced.
 */
export async function connectAll<T>(items: T[], open: (item: T, index: number) => RawClient, options: { concurrency?: number; timeoutMs?: number } = {}): Promise<RawClient[]> {
  const concurrency = options.concurrency ?? 100;
  const clients: RawClient[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const client = open(items[index] as T, index);
      clients[index] = client;
      await client.synced;
    }
  };
  const timeoutMs = options.timeoutMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`clients not synced within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker)), timeout]);
  } catch (error) {
    await closeAll(clients.filter(Boolean));
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return clients;
}

/** Close every client (politely) and wait until each connection is closed. */
export async function closeAll(clients: RawClient[], how: "close" | "terminate" = "close"): Promise<void> {
  await Promise.all(clients.map((c) => (how === "close" ? c.close() : c.terminate())));
}

/**
 * End-to-end latency from the writers' send times to the readers' receipt, on one clock: writers
 * record when they sent each (clientID, clock); readers look the range of each incoming update
 * up. Only updates sent inside the measurement window count.
 */
export class LatencyBook {
  private readonly sentAt = new Map<number, number[]>();
  private windowStart = Number.POSITIVE_INFINITY;
  private windowEnd = Number.POSITIVE_INFINITY;
  private samples = new Float64Array(1 << 16);
  private count = 0;
  /** Updates (clocks) sent inside the window. */
  sentInWindow = 0;

  /** A writer sent `update` at `at` (performance.now()). */
  sent(update: Uint8Array, at: number): void {
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      let times = this.sentAt.get(client);
      if (!times) {
        times = [];
        this.sentAt.set(client, times);
      }
      for (let clock = meta.from.get(client) ?? to; clock < to; clock++) times[clock] = at;
      if (at >= this.windowStart && at <= this.windowEnd) this.sentInWindow += to - (meta.from.get(client) ?? to);
    }
  }

  /** A reader received `update` now; `self` is the reader's own client id (its echo is skipped). */
  received(update: Uint8Array, self = -1): void {
    const now = performance.now();
    const meta = Y.parseUpdateMeta(update);
    for (const [client, to] of meta.to) {
      if (client === self) continue;
      const times = this.sentAt.get(client);
      if (!times) continue;
      for (let clock = meta.from.get(client) ?? to; clock < to; clock++) {
        const at = times[clock];
        if (at === undefined || at < this.windowStart || at > this.windowEnd) continue;
        if (this.count === this.samples.length) {
          const grown = new Float64Array(this.samples.length * 2);
          grown.set(this.samples);
          this.samples = grown;
        }
        this.samples[this.count++] = now - at;
      }
    }
  }

  startWindow(): void {
    this.windowStart = performance.now();
    this.windowEnd = Number.POSITIVE_INFINITY;
    this.sentInWindow = 0;
    this.count = 0;
  }

  endWindow(): void {
    this.windowEnd = performance.now();
  }

  get delivered(): number {
    return this.count;
  }

  /** Percentiles of the latencies recorded so far, in ms. */
  summary(): { p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; samples: number } {
    const sorted = this.samples.slice(0, this.count).sort();
    return { p50Ms: percentile(sorted, 50), p95Ms: percentile(sorted, 95), p99Ms: percentile(sorted, 99), maxMs: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN, samples: sorted.length };
  }
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}
