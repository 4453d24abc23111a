/**
 * Token buckets for the real-time channels' rate limits: `perSecond` sustained, `burst` at once.
 * One bucket per connection, and one per user shared by all of that user's connections on this
 * instance (so opening more tabs or sockets does not multiply what one person may send).
 */
export type TokenBucket = { take(): boolean };

export function createTokenBucket(perSecond: number, burst: number, now: () => number = Date.now): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}

/** Per-key buckets, held while a key has connections and forgotten with its last one. */
export function createBucketsByKey(perSecond: number, burst: number) {
  const buckets = new Map<string, { bucket: TokenBucket; holders: number }>();
  return {
    /** The key's shared bucket; call `release` when the connection that asked for it closes. */
    hold(key: string): { bucket: TokenBucket; release(): void } {
      let held = buckets.get(key);
      if (!held) {
        held = { bucket: createTokenBucket(perSecond, burst), holders: 0 };
        buckets.set(key, held);
      }
      held.holders += 1;
      const entry = held;
      let released = false;
      return {
        bucket: entry.bucket,
        release() {
          if (released) return;
          released = true;
          entry.holders -= 1;
          if (entry.holders === 0 && buckets.get(key) === entry) buckets.delete(key);
        },
      };
    },
    size: () => buckets.size,
  };
}
