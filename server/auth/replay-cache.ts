/**
 * Short-lived keys shared by every instance (DESIGN §5): SAML request ids, pending logins and
 * claimed assertion ids. In-process here; a Redis implementation serves several instances.
 * Every operation is atomic with respect to the others on the same key.
 */
export interface ReplayCache {
  /** Store `value` under `key` for `ttlMs`, replacing any value. */
  put(key: string, value: string, ttlMs: number): Promise<void>;
  /** Set `key` only if absent; true when this call claimed it. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  /** Read and delete in one step: of two concurrent takes only one gets the value. */
  take(key: string): Promise<string | null>;
  delete(key: string): Promise<void>;
}

/** The in-process cache: a Map with expiry times, swept as it is used. */
export function createMemoryReplayCache(now: () => number = Date.now): ReplayCache {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  let lastSweep = now();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = () => {
    const t = now();
    if (t - lastSweep < 60_000) return;
    lastSweep = t;
    for (const [key, entry] of entries) if (entry.expiresAt <= t) entries.delete(key);
  };
  return {
    async put(key, value, ttlMs) {
      sweep();
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    async claim(key, ttlMs) {
      sweep();
      if (live(key)) return false;
      entries.set(key, { value: "1", expiresAt: now() + ttlMs });
      return true;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async take(key) {
      const entry = live(key);
      entries.delete(key);
      return entry?.value ?? null;
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}
