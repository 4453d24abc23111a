import { createAdapter } from "@socket.io/redis-streams-adapter";
import { createClient } from "redis";
import type { Logger } from "../logger.ts";

/**
 * A node-redis client that reconnects forever with a capped backoff. By default it never queues
 * commands while disconnected (they fail at once); `queueOffline` keeps them for the reconnect.
 */
export function createRedisClient(url: string, queueOffline = false) {
  return createClient({
    url,
    disableOfflineQueue: !queueOffline,
    pingInterval: 5_000,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000) },
  });
}

export type RedisClient = ReturnType<typeof createRedisClient>;

/**
 * The Redis side of a scaled-out deployment (DESIGN §5): one client for commands and publishing,
 * one for subscriptions, one for the Socket.IO adapter. They reconnect forever with a capped
 * backoff; while Redis is down, commands fail at once instead of queueing, so an instance keeps
 * serving its own clients. An instance starts even when Redis is not there yet.
 */
export type RedisConnection = {
  readonly client: RedisClient;
  /** Subscriptions made while Redis is away are queued and made when it answers. */
  readonly subscriber: RedisClient;
  /**
   * The Socket.IO adapter's client. It queues while Redis is away: the adapter polls its stream in
   * a loop that would spin on commands failing at once.
   */
  readonly adapterClient: RedisClient;
  /** The Socket.IO adapter over `adapterClient` (built here, so Redis code loads only when configured). */
  socketAdapter(): ReturnType<typeof createAdapter>;
  /** True while the command and subscription clients are connected. */
  isReady(): boolean;
  /**
   * Called each time both clients become ready: at the first connection and after every outage
   * (whatever was published meanwhile is lost to this instance, and its own publishes may be too).
   */
  onReady(listener: () => void): void;
  close(): Promise<void>;
};

/** How long start waits for Redis before serving without it (it catches up when Redis answers). */
const FIRST_CONNECT_WAIT_MS = 3_000;

export async function connectRedis(url: string, logger: Logger): Promise<RedisConnection> {
  const client = createRedisClient(url);
  const subscriber = createRedisClient(url, true);
  const adapterClient = createRedisClient(url, true);
  adapterClient.on("error", () => undefined);
  const listeners: (() => void)[] = [];
  let down = true;
  let warned = false;
  for (const [role, c] of [["client", client], ["subscriber", subscriber]] as const) {
    c.on("error", (error: Error) => {
      if (!warned) logger.warn({ err: { message: error.message }, role }, "Redis unavailable; serving local clients only");
      warned = true;
      down = true;
    });
    c.on("ready", () => {
      if (!down || !client.isReady || !subscriber.isReady) return;
      down = false;
      if (warned) logger.info("Redis is back; catching up");
      warned = false;
      for (const listener of listeners) listener();
    });
  }
  const connected = Promise.all([client.connect(), subscriber.connect(), adapterClient.connect()]);
  connected.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([connected, new Promise((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS)))]);
  clearTimeout(timer);
  return {
    client,
    subscriber,
    adapterClient,
    socketAdapter: () => createAdapter(adapterClient, { streamName: "caseroom:socket.io" }),
    isReady: () => client.isReady && subscriber.isReady,
    onReady: (listener) => listeners.push(listener),
    async close() {
      for (const c of [client, subscriber, adapterClient]) {
        try {
          c.destroy();
        } catch {
          // Never connected: nothing to close.
        }
      }
    },
  };
}
