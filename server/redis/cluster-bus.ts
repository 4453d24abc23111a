import { randomUUID } from "node:crypto";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "../logger.ts";
import type { RedisConnection } from "./redis-connection.ts";

/** What instances tell each other that is not a Socket.IO room broadcast. */
export type ControlMessage =
  | { type: "access-changed"; caseId: string }
  | { type: "signed-out"; tokenHash?: string; userId?: string }
  | { type: "presence"; caseId: string; people: unknown[] }
  | { type: "presentation"; caseId: string; state: unknown };

export type BusHandlers = {
  /** An update persisted by another instance with sequence number `seq`. */
  update?(docName: string, seq: number, update: Uint8Array): void;
  /** An awareness update another instance accepted (already rewritten from its session). */
  awareness?(docName: string, update: Uint8Array): void;
  control?(message: ControlMessage, fromInstance: string): void;
  /**
   * Messages may have been missed (this instance or another lost Redis for a while): re-read what
   * matters from the store.
   */
  resync?(): void;
};

/**
 * The cluster bus (DESIGN §5): one Redis pub/sub channel between instances. Updates travel only
 * after the instance that received them has persisted them, so anything missed while Redis was
 * away is in the store; after an outage every instance is told to resync from it (state-vector
 * repair). Publishing never waits for Redis and never throws: a failed publish is remembered and
 * answered by a resync when Redis returns.
 */
export type ClusterBus = {
  readonly instanceId: string;
  publishUpdate(docName: string, seq: number, update: Uint8Array): void;
  publishAwareness(docName: string, update: Uint8Array): void;
  publishControl(message: ControlMessage): void;
  subscribe(handlers: BusHandlers): void;
  close(): void;
};

const CHANNEL = "caseroom:bus";
const KIND = { update: 0, awareness: 1, control: 2, resync: 3 } as const;

export async function createClusterBus(redis: RedisConnection, logger: Logger): Promise<ClusterBus> {
  const instanceId = randomUUID();
  const handlers: BusHandlers[] = [];

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

  await redis.subscriber.subscribe(
    CHANNEL,
    (message: Buffer) => {
      try {
        const decoder = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
        const kind = decoding.readVarUint(decoder);
        const from = decoding.readVarString(decoder);
        if (from === instanceId) return;
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
          const control = JSON.parse(decoding.readVarString(decoder)) as ControlMessage;
          each((h) => h.control?.(control, from));
        } else if (kind === KIND.resync) {
          resyncLocally();
        }
      } catch (error) {
        logger.warn({ err: error }, "unreadable cluster message ignored");
      }
    },
    true,
  );

  let missed = false;
  const publish = (kind: number, write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarString(encoder, instanceId);
    write(encoder);
    const message = Buffer.from(encoding.toUint8Array(encoder));
    if (!redis.client.isReady) {
      missed = true;
      return;
    }
    redis.client.publish(CHANNEL, message).catch(() => {
      missed = true;
    });
  };

  // Back from an outage: whatever this instance missed, or failed to tell, is in the store.
  redis.onReconnect(() => {
    resyncLocally();
    missed = false;
    publish(KIND.resync, () => undefined);
  });
  // A publish that failed while the subscriber stayed up (a blip on one connection only).
  const watchdog = setInterval(() => {
    if (missed && redis.isReady()) {
      missed = false;
      publish(KIND.resync, () => undefined);
    }
  }, 1_000);
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
      handlers.length = 0;
    },
  };
}
