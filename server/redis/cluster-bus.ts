import { randomUUID } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";
import { presenceLocation } from "../../shared/protocol/socket-events.ts";
import { role } from "../../shared/schemas/user.schema.ts";
import type { Logger } from "../logger.ts";
import type { RedisConnection } from "./redis-connection.ts";

const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
  party: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  courts: z.array(z.string()),
});

/** What instances tell each other that is not a Socket.IO room broadcast; checked on arrival. */
const controlMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("access-changed"), caseId: z.string() }),
  z.object({ type: z.literal("signed-out"), tokenHash: z.string().optional(), userId: z.string().optional() }),
  z.object({
    type: z.literal("presence"),
    caseId: z.string(),
    people: z.array(z.object({ user: sessionUser, location: presenceLocation.nullable() })),
  }),
  z.object({
    type: z.literal("presentation"),
    caseId: z.string(),
    state: z
      .object({
        socketId: z.string(),
        userId: z.string(),
        name: z.string(),
        documentId: z.string(),
        visibility: z.union([z.literal("all"), z.array(z.string())]),
        page: z.number(),
        zoom: z.number(),
      })
      .nullable(),
  }),
]);
export type ControlMessage = z.infer<typeof controlMessage>;

export type BusHandlers = {
  /** An update persisted by another instance with sequence number `seq`. */
  update?(docName: string, seq: number, update: Uint8Array): void;
  /** An awareness update another instance accepted (already rewritten from its session). */
  awareness?(docName: string, update: Uint8Array): void;
  control?(message: ControlMessage, fromInstance: string): void;
  /**
   * Messages may have been missed (Redis was away, or an instance died between storing an update
   * and publishing it): re-read what matters from the store.
   */
  resync?(): void;
};

/**
 * The cluster bus (DESIGN §5): one Redis pub/sub channel between instances. Updates travel only
 * after the instance that received them has persisted them, so anything missed is in the store:
 * after a Redis outage, and when another instance goes quiet (it died, perhaps after storing an
 * update it never published), every instance resyncs from it (state-vector repair). Publishing
 * never waits for Redis and never throws: a failed publish is answered by a resync later.
 */
export type ClusterBus = {
  readonly instanceId: string;
  publishUpdate(docName: string, seq: number, update: Uint8Array): void;
  publishAwareness(docName: string, update: Uint8Array): void;
  publishControl(message: ControlMessage): void;
  subscribe(handlers: BusHandlers): void;
  /** Tell the others this instance is leaving (after its last write), and stop. */
  close(): void;
};

const CHANNEL = "caseroom:bus";
const KIND = { update: 0, awareness: 1, control: 2, resync: 3, alive: 4, leaving: 5 } as const;
/**
 * Every instance says it is alive this often; one not heard for three times as long is gone, and
 * the others re-read the store for what it may have stored but not published. One small message a
 * second per instance buys a failover that catches up within about 3 seconds.
 */
const ALIVE_MS = 1_000;

export async function createClusterBus(redis: RedisConnection, logger: Logger): Promise<ClusterBus> {
  const instanceId = randomUUID();
  const handlers: BusHandlers[] = [];
  /** Other instances, by id: when each was last heard. */
  const peers = new Map<string, number>();

  const each = (work: (h: BusHandlers) => void) => {
    for (const h of handlers) {
      try {
        work(h);
      } catch (error) {
        logger.error({ err: error }, "cluster message handler failed");
      }
    }
  };
  const resyncLocally = () => each((h) => h.resync?.());

  const receive = (message: Buffer) => {
    try {
      const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const kind = decoding.readVarUint(decoder);
      const from = decoding.readVarString(decoder);
      if (from === instanceId) return;
      if (kind === KIND.leaving) {
        peers.delete(from);
        return;
      }
      peers.set(from, Date.now());
      if (kind === KIND.update) {
        const docName = decoding.readVarString(decoder);
        const seq = decoding.readVarUint(decoder);
        const update = decoding.readVarUint8Array(decoder);
        each((h) => h.update?.(docName, seq, update));
      } else if (kind === KIND.awareness) {
        const docName = decoding.readVarString(decoder);
        const update = decoding.readVarUint8Array(decoder);
        each((h) => h.awareness?.(docName, update));
      } else if (kind === KIND.control) {
        const parsed = controlMessage.safeParse(JSON.parse(decoding.readVarString(decoder)));
        if (!parsed.success) throw new Error("malformed control message");
        each((h) => h.control?.(parsed.data, from));
      } else if (kind === KIND.resync) {
        resyncLocally();
      }
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, "unreadable cluster message ignored");
    }
  };
  // Made when Redis answers (now, or when it first does); node-redis renews it after outages.
  redis.subscriber.subscribe(CHANNEL, receive, true).catch((error: Error) => logger.error({ err: { message: error.message } }, "cluster subscription failed"));

  let missed = false;
  const publish = (kind: number, write: (encoder: encoding.Encoder) => void = () => undefined) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, instanceId);
    write(encoder);
    if (!redis.client.isReady) {
      missed = true;
      return;
    }
    redis.client.publish(CHANNEL, Buffer.from(encoding.toUint8Array(encoder))).catch(() => {
      missed = true;
    });
  };

  // Connected (again): whatever this instance missed, or failed to tell, is in the store.
  redis.onReady(() => {
    missed = false;
    resyncLocally();
    publish(KIND.resync);
  });
  const watchdog = setInterval(() => {
    // A publish failed while the subscriber stayed up (a blip on one connection only).
    if (missed && redis.isReady()) {
      missed = false;
      publish(KIND.resync);
    }
    const now = Date.now();
    if (now - lastAlive >= ALIVE_MS) {
      lastAlive = now;
      publish(KIND.alive);
    }
    let quiet = false;
    for (const [peer, heard] of peers) if (now - heard > 3 * ALIVE_MS) quiet = peers.delete(peer);
    if (quiet) resyncLocally();
  }, ALIVE_MS / 2);
  let lastAlive = 0;
  watchdog.unref();

  return {
    instanceId,
    publishUpdate(docName, seq, update) {
      publish(KIND.update, (e) => {
        encoding.writeVarString(e, docName);
        encoding.writeVarUint(e, seq);
        encoding.writeVarUint8Array(e, update);
      });
    },
    publishAwareness(docName, update) {
      publish(KIND.awareness, (e) => {
        encoding.writeVarString(e, docName);
        encoding.writeVarUint8Array(e, update);
      });
    },
    publishControl(message) {
      publish(KIND.control, (e) => encoding.writeVarString(e, JSON.stringify(message)));
    },
    subscribe(h) {
      handlers.push(h);
    },
    close() {
      clearInterval(watchdog);
      publish(KIND.leaving);
      handlers.length = 0;
    },
  };
}
