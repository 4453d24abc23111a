/**
 * One contract for the replay cache and one for the rate limiter, each run against the in-process
 * implementation and the Redis one. The Redis half needs a server at TEST_REDIS_URL (default
 * redis://127.0.0.1:6379): without one it is skipped with a message, or fails under CI=true.
 * Every key this run writes sits under a fresh prefix and has a short TTL.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { createMemoryRateLimiter, type RateLimiter } from "../../server/auth/rate-limiter.ts";
import { createRedisRateLimiter } from "../../server/auth/redis-rate-limiter.ts";
import { createRedisReplayCache } from "../../server/auth/redis-replay-cache.ts";
import { createMemoryReplayCache, type ReplayCache } from "../../server/auth/replay-cache.ts";
import type { RedisClient } from "../../server/redis/redis-connection.ts";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const isCi = process.env.CI === "true";
const runPrefix = `caseroom-test:${randomUUID()}:`;
const TTL = 10_000;

/** Poll `condition` every 10 ms until it holds, failing after `timeoutMs`. */
async function eventually(condition: () => Promise<boolean>, what: string, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.unreachable(`${what} within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** A client like the server's (no offline queue), but one that gives up at once if Redis is absent. */
async function connectTestClient(): Promise<RedisClient> {
  const client = createClient({
    url: REDIS_URL,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: false },
  }) as RedisClient;
  client.on("error", () => {}); // connect() and each command report their own failures
  await client.connect();
  return client;
}

function replayCacheContract(name: string, makeCache: () => ReplayCache, teardown?: () => Promise<void>) {
  const test = suite(`replay cache contract: ${name}`);
  let cache: ReplayCache;
  test.before(() => {
    cache = makeCache();
  });
  if (teardown) test.after(teardown);

  test("put then get returns the value, and put replaces it", async () => {
    await cache.put("put-get", "first", TTL);
    assert.is(await cache.get("put-get"), "first");
    await cache.put("put-get", "second", TTL);
    assert.is(await cache.get("put-get"), "second");
    assert.is(await cache.get("never-set"), null);
  });

  test("entries expire after their TTL, and an expired claim can be made again", async () => {
    await cache.put("expiring", "value", 50);
    assert.is(await cache.get("expiring"), "value");
    await eventually(async () => (await cache.get("expiring")) === null, "a 50 ms entry expires");
    assert.ok(await cache.claim("expiring-claim", 50));
    assert.not.ok(await cache.claim("expiring-claim", 50));
    await eventually(() => cache.claim("expiring-claim", TTL), "a 50 ms claim expires and can be claimed again");
  });

  test("a fractional TTL is honoured rather than rejected", async () => {
    await cache.put("fractional", "value", 0.4);
    await eventually(async () => (await cache.get("fractional")) === null, "a sub-millisecond entry expires");
  });

  test("claim succeeds only once, even for 20 concurrent claims", async () => {
    assert.ok(await cache.claim("claim-once", TTL));
    assert.not.ok(await cache.claim("claim-once", TTL));
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.claim("claim-race", TTL)));
    assert.is(results.filter(Boolean).length, 1);
  });

  test("take returns the value only once, even for 20 concurrent takes", async () => {
    await cache.put("take-once", "assertion", TTL);
    assert.is(await cache.take("take-once"), "assertion");
    assert.is(await cache.take("take-once"), null);
    assert.is(await cache.get("take-once"), null);
    await cache.put("take-race", "pending-login", TTL);
    const results = await Promise.all(Array.from({ length: 20 }, () => cache.take("take-race")));
    assert.equal(
      results.filter((r) => r !== null),
      ["pending-login"],
    );
  });

  test("delete removes a value and a claim, and deleting a missing key is fine", async () => {
    await cache.put("deleted", "value", TTL);
    await cache.delete("deleted");
    assert.is(await cache.get("deleted"), null);
    assert.ok(await cache.claim("deleted-claim", TTL));
    await cache.delete("deleted-claim");
    assert.ok(await cache.claim("deleted-claim", TTL), "claimable again after delete");
    await cache.delete("never-set");
  });

  test.run();
}

function rateLimiterContract(name: string, makeLimiter: () => RateLimiter, teardown?: () => Promise<void>) {
  const test = suite(`rate limiter contract: ${name}`);
  let limiter: RateLimiter;
  test.before(() => {
    limiter = makeLimiter();
  });
  if (teardown) test.after(teardown);

  test("allows `limit` hits in a window and refuses the next, per key", async () => {
    for (let i = 1; i <= 3; i++) assert.ok((await limiter.hit("limit", 3, TTL)).allowed, `hit ${i}`);
    const refused = await limiter.hit("limit", 3, TTL);
    assert.not.ok(refused.allowed);
    assert.ok(refused.retryAfterSeconds >= 1 && refused.retryAfterSeconds <= 10, `retry after ${refused.retryAfterSeconds} s`);
    assert.ok((await limiter.hit("other-key", 3, TTL)).allowed, "another key has its own count");
  });

  test("retryAfterSeconds is at least 1 even in a short window", async () => {
    const first = await limiter.hit("short", 1, 200);
    assert.ok(first.allowed);
    assert.is(first.retryAfterSeconds, 1);
    const second = await limiter.hit("short", 1, 200);
    assert.not.ok(second.allowed);
    assert.is(second.retryAfterSeconds, 1);
  });

  test("a new window starts once the old one has passed", async () => {
    assert.ok((await limiter.hit("window", 1, 300)).allowed);
    assert.not.ok((await limiter.hit("window", 1, 300)).allowed);
    await eventually(async () => (await limiter.hit("window", 1, 300)).allowed, "a 300 ms window passes");
    assert.not.ok((await limiter.hit("window", 1, 300)).allowed, "the new window counts from its first hit");
  });

  test("concurrent hits are each counted once", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => limiter.hit("concurrent", 5, TTL)));
    assert.is(results.filter((r) => r.allowed).length, 5);
  });

  test.run();
}

replayCacheContract("memory", () => createMemoryReplayCache());
rateLimiterContract("memory", () => createMemoryRateLimiter());

let redis: RedisClient | undefined;
let redisError = "";
try {
  redis = await connectTestClient();
} catch (error) {
  redisError = error instanceof Error ? error.message || error.name : String(error);
}

if (redis) {
  const client = redis;
  const extraClients: RedisClient[] = [];
  const closeAll = async () => {
    await Promise.allSettled([client, ...extraClients].filter((c) => c.isOpen).map((c) => c.close()));
  };

  replayCacheContract("redis", () => createRedisReplayCache(client, `${runPrefix}replay:`));
  rateLimiterContract("redis", () => createRedisRateLimiter(client, `${runPrefix}rate:`));

  const test = suite("redis rate limiter across instances and outages");
  test.after(closeAll);

  test("two limiters on the same Redis, on separate connections, share one count", async () => {
    const other = await connectTestClient();
    extraClients.push(other);
    const prefix = `${runPrefix}shared:`;
    const a = createRedisRateLimiter(client, prefix);
    const b = createRedisRateLimiter(other, prefix);
    assert.ok((await a.hit("signin:pat", 3, TTL)).allowed);
    assert.ok((await b.hit("signin:pat", 3, TTL)).allowed);
    assert.ok((await a.hit("signin:pat", 3, TTL)).allowed);
    const refused = await b.hit("signin:pat", 3, TTL);
    assert.not.ok(refused.allowed, "the fourth hit, on the other instance, is over the shared limit");
    assert.ok(refused.retryAfterSeconds >= 1);
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).hit("signin:race", 7, TTL)),
    );
    assert.is(racing.filter((r) => r.allowed).length, 7);
  });

  test("two replay caches on the same Redis share claims and takes", async () => {
    const other = await connectTestClient();
    extraClients.push(other);
    const prefix = `${runPrefix}shared-replay:`;
    const a = createRedisReplayCache(client, prefix);
    const b = createRedisReplayCache(other, prefix);
    assert.ok(await a.claim("assertion-id", TTL));
    assert.not.ok(await b.claim("assertion-id", TTL));
    await a.put("pending", "login", TTL);
    assert.is(await b.take("pending"), "login");
    assert.is(await a.take("pending"), null);
  });

  test("with its client closed, a limiter with a fallback keeps limiting and does not throw", async () => {
    const dead = await connectTestClient();
    dead.destroy();
    const limiter = createRedisRateLimiter(dead, `${runPrefix}dead:`, createMemoryRateLimiter());
    assert.ok((await limiter.hit("signin:pat", 2, TTL)).allowed);
    assert.ok((await limiter.hit("signin:pat", 2, TTL)).allowed);
    const refused = await limiter.hit("signin:pat", 2, TTL);
    assert.not.ok(refused.allowed);
    assert.ok(refused.retryAfterSeconds >= 1);
  });

  test("with its client closed, a limiter without a fallback and the replay cache reject", async () => {
    const dead = await connectTestClient();
    dead.destroy();
    const rejects = async (what: string, operation: () => Promise<unknown>) => {
      try {
        await operation();
      } catch {
        return;
      }
      assert.unreachable(`${what} should reject while Redis is unavailable`);
    };
    await rejects("hit", () => createRedisRateLimiter(dead, `${runPrefix}dead:`).hit("k", 2, TTL));
    const cache = createRedisReplayCache(dead, `${runPrefix}dead:`);
    await rejects("claim", () => cache.claim("k", TTL));
    await rejects("take", () => cache.take("k"));
  });

  test.run();
} else if (isCi) {
  const test = suite("redis replay cache and rate limiter");
  test("Redis is reachable (required under CI=true)", () => {
    assert.unreachable(`cannot connect to Redis at ${REDIS_URL}: ${redisError}`);
  });
  test.run();
} else {
  process.stderr.write(
    `\nSkipping the Redis replay cache and rate limiter tests: cannot connect to Redis at ${REDIS_URL} (${redisError}). ` +
      "Start redis-server or set TEST_REDIS_URL; under CI=true this fails.\n",
  );
}
