import type { RedisClient } from "../redis/redis-connection.ts";
import type { RateLimiter } from "./rate-limiter.ts";

/**
 * One attempt in a fixed window, atomically: the first INCR of a window starts its expiry, and the
 * reply is the count so far and the milliseconds left. A key found without an expiry (which only a
 * hand edit could leave) is given one, so it can never block for ever.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local pttl = redis.call('PTTL', KEYS[1])
if pttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  pttl = tonumber(ARGV[1])
end
return { count, pttl }
`;

/**
 * Fixed-window rate limits shared by every instance (DESIGN §5): one Lua script per attempt, so
 * concurrent attempts on several instances are counted exactly once each.
 *
 * When Redis is down, a `fallback` limiter (normally `createMemoryRateLimiter()`) counts the attempt
 * instead, so limits still apply, per instance, during the outage; without one the Redis error
 * propagates and the caller refuses the attempt.
 */
export function createRedisRateLimiter(client: RedisClient, prefix = "caseroom:rate:", fallback?: RateLimiter): RateLimiter {
  return {
    async hit(key, limit, windowMs) {
      const window = Math.max(1, Math.ceil(windowMs));
      let reply: unknown;
      try {
        reply = await client.eval(HIT_SCRIPT, { keys: [prefix + key], arguments: [String(window)] });
      } catch (error) {
        if (fallback) return fallback.hit(key, limit, windowMs);
        throw error;
      }
      const [count = Number.NaN, pttl = Number.NaN] = Array.isArray(reply) ? reply.map(Number) : [];
      if (!Number.isFinite(count) || !Number.isFinite(pttl)) throw new Error(`Unexpected rate limit reply from Redis: ${JSON.stringify(reply)}`);
      return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(pttl / 1000)) };
    },
  };
}
