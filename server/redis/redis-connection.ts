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
 * one for subscriptions. Both reconnect forever with a capped backoff; while Redis is down,
 * commands fail at once instead of queueing, so an instance keeps serving its own clients.
 */
export type RedisConnection = {
  readonly client: RedisClient;
  readonly subscriber: RedisClient;
  /**
   * The Socket.IO adapter's client. It queues while Redis is away: the adapter polls its stream in
   * a loop that would spin on commands failing at once, and queued broadcasts arrive late, not never.
   */
  readonly adapterClient: RedisClient;
  /** True while both clients are connected. */
  isReady(): boolean;
  /** Called each time both clients are ready again after an outage (not at the first connect). */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
};

export async function connectRedis(url: string, logger: Logger): Promise<RedisConnection> {
  const client = createRedisClient(url);
  const subscriber = createRedisClient(url);
  const adapterClient = createRedisClient(url, true);
  adapterClient.on("error", () => undefined);
  const listeners: (() => void)[] = [];
  let wasDown = false;
  for (const [role, c] of [["client", client], ["subscriber", subscriber]] as const) {
    c.on("error", (error: Error) => {
      if (!wasDown) logger.warn({ err: { message: error.message }, role }, "Redis unavailable; serving local clients only");
      wasDown = true;
    });
    c.on("ready", () => {
      if (!wasDown || !client.isReady || !subscriber.isReady) return;
      wasDown = false;
      logger.info("Redis is back; catching up");
      for (const listener of listeners) listener();
    });
  }
  await Promise.all([client.connect(), subscriber.connect(), adapterClient.connect()]);
  return {
    client,
    subscriber,
    adapterClient,
    isReady: () => client.isReady && subscriber.isReady,
    onReconnect: (listener) => listeners.push(listener),
    async close() {
      for (const c of [client, subscriber, adapterClient]) if (c.isOpen) c.destroy();
    },
  };
}
