import type { RedisClient } from "../redis/redis-connection.ts";
import type { ReplayCache } from "./replay-cache.ts";

/** Redis keeps whole milliseconds and refuses a zero TTL, so round up to at least 1 ms. */
const ttl = (ttlMs: number) => Math.max(1, Math.ceil(ttlMs));

/**
 * The replay cache shared by every instance (DESIGN §5). Each operation is one Redis command, so
 * it is atomic across instances: `claim` is SET NX and `take` is GETDEL. Redis errors propagate
 * (the client does not queue while disconnected), so a sign-in that needs the cache is refused
 * while Redis is down rather than risking a replayed assertion.
 */
export function createRedisReplayCache(client: RedisClient, prefix = "caseroom:replay:"): ReplayCache {
  return {
    async put(key, value, ttlMs) {
      await client.set(prefix + key, value, { expiration: { type: "PX", value: ttl(ttlMs) } });
    },
    async claim(key, ttlMs) {
      const reply = await client.set(prefix + key, "1", { expiration: { type: "PX", value: ttl(ttlMs) }, condition: "NX" });
      return reply === "OK";
    },
    async get(key) {
      return (await client.get(prefix + key)) ?? null;
    },
    async take(key) {
      return (await client.getDel(prefix + key)) ?? null;
    },
    async delete(key) {
      await client.del(prefix + key);
    },
  };
}
