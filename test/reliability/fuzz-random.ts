/**
 * Seeded randomness for the fuzz tests: a small PRNG (mulberry32) whose seed is printed and can be
 * set with FUZZ_SEED, so any failure replays exactly, and generators of hostile values (strings,
 * JSON, bytes) built only from it.
 */

/** mulberry32: 32 bits of state, good enough for test input, trivially reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The run's seed: FUZZ_SEED when set (an unsigned 32-bit integer), otherwise a fresh one. */
export function fuzzSeed(fromEnv = process.env.FUZZ_SEED): number {
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`FUZZ_SEED must be an integer from 0 to 4294967295, not ${fromEnv}`);
    return seed;
  }
  // Under CI the gate is the same every run; anywhere else each run explores a new seed.
  if (process.env.CI === "true") return 20261127;
  return Math.floor(Math.random() * 0x100000000) >>> 0;
}

/** FNV-1a: a label's contribution to a forked seed. */
function hash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  readonly next: () => number;

  constructor(readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** An independent stream for one part of the run: changing one part never shifts another. */
  fork(label: string): Rng {
    return new Rng((this.seed ^ hash(label)) >>> 0);
  }

  /** 0 ≤ n < max. */
  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  /** min ≤ n ≤ max. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from nothing");
    return items[this.int(items.length)] as T;
  }

  /** Pick by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [w, value] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    return (choices.at(-1) as readonly [number, T])[1];
  }

  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.int(256);
    return out;
  }
}

/** Strings that break naive code: numbers-as-text, prototype keys, traversal, injection, odd Unicode. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "\r\n",
  "\t\v\f",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-0",
  "0x1F",
  "9007199254740993",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%2e%2e%2f",
  "%00",
  "%",
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  "\" OR 1=1 --",
  "<script>alert(1)</script>",
  "\u0024{7*7}",
  "{{7*7}}",
  "\u202eevil",
  "\ufeff",
  "\ud800",
  "\udfff\ud800",
  "é",
  "e\u0301",
  "😀👩‍⚖️",
  "İı",
  "ǅ",
  "\u2028\u2029",
  "﷽",
  "case-0001\u0000",
  "CASE-0001",
  "case-0001 ",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "99999-01-01",
  "-1",
  "0",
  "1.5",
];

/** A random string: nasty, random Unicode (with controls and surrogates), or long. */
export function junkString(rng: Rng, maxLength = 300): string {
  return rng.weighted<() => string>([
    [4, () => rng.pick(NASTY_STRINGS)],
    [
      3,
      () => {
        const length = rng.int(Math.min(maxLength, 40) + 1);
        let out = "";
        for (let i = 0; i < length; i++) {
          out += String.fromCharCode(
            rng.weighted([
              [5, rng.between(0x20, 0x7e)],
              [1, rng.between(0, 0x1f)],
              [2, rng.between(0xa0, 0x2fff)],
              [1, rng.between(0xd800, 0xdfff)],
              [1, rng.between(0xe000, 0xffff)],
            ]),
          );
        }
        return out;
      },
    ],
    [1, () => rng.pick(["a", "x", "é", "0", " ", "😀"]).repeat(rng.between(1, maxLength))],
  ])();
}

/** Keys a route might read, and keys that should be ignored or refused. */
export const KEY_POOL: readonly string[] = ["__proto__", "constructor", "prototype", "id", "caseId", "type", "text", "", "0", "toString", "isAdmin", "role", "party", "ownerParty"];

/** A random JSON-able value: every type, wrong types for everything, nested a little. */
export function junkValue(rng: Rng, depth = 3, keys: readonly string[] = KEY_POOL): unknown {
  const kind = rng.int(depth > 0 ? 10 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -0, 1, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 100_000, 100_001]);
    case 3:
    case 4:
    case 5:
    case 6:
      return junkString(rng);
    case 7:
      return Array.from({ length: rng.int(5) }, () => junkValue(rng, depth - 1, keys));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(6); i > 0; i--) {
        // An own property even for "__proto__", so JSON.stringify sends it.
        Object.defineProperty(out, rng.chance(0.7) ? rng.pick(keys) : junkString(rng, 20), { value: junkValue(rng, depth - 1, keys), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

/**
 * JSON text no `JSON.stringify` of a plain object produces: own `__proto__` keys, duplicate keys,
 * deep nesting, numbers out of range.
 */
export function nastyJsonText(rng: Rng): string {
  const depth = rng.between(50, 5000);
  return rng.pick([
    () => '{"__proto__":{"isAdmin":true,"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
    () => '{"type":"PET","type":"PTPH","__proto__":{"type":"PET"}}',
    () => `${"[".repeat(depth)}${"]".repeat(depth)}`,
    () => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
    () => '{"directions":[{"text":"x","responsibleParty":"all","__proto__":{"dueOn":"2026-01-01"}}]}',
    () => '{"n":1e999,"m":-1e999,"z":-0,"big":123456789012345678901234567890}',
    () => '{"s":"\\ud800\\udc00\\ud800","t":"\\u0000"}',
  ])();
}

/** JSON text that does not parse. */
export function invalidJsonText(rng: Rng): string {
  const valid = JSON.stringify(junkValue(rng)) ?? "null";
  return rng.pick([
    () => valid.slice(0, Math.max(0, rng.int(valid.length))),
    () => "{'a':1}",
    () => "NaN",
    () => "{,}",
    () => "[1,2,]",
    () => '{"a":undefined}',
    () => "\ufeff{}",
    () => '{"a":"\u0001"}',
    () => "",
    () => Buffer.from(rng.bytes(rng.between(1, 64))).toString("latin1"),
  ])();
}

/** A path segment for a route parameter: a real id, or junk (percent-encoded, or raw but legal). */
export function junkPathSegment(rng: Rng): string {
  return rng.weighted<() => string>([
    [5, () => encodeSegment(junkString(rng, 200))],
    [2, () => rng.pick(["..", ".", "%2e%2e", "%2F", "%00", "%E0%A4%A", "%ZZ", "%", "a%2Fb", ";", "*", "~", "%C0%AE", "%u002e"])],
    [1, () => "a".repeat(rng.between(100, 6000))],
  ])();
}

/** encodeURIComponent, with lone surrogates (which it refuses) sent as their UTF-8-ish bytes. */
export function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return Buffer.from(value, "utf8").toString("hex").replace(/(..)/g, "%$1");
  }
}

/** A random query string (without `?`): repeated keys, bracket syntax, prototype keys, junk values. */
export function junkQuery(rng: Rng, keys: readonly string[]): string {
  const parts: string[] = [];
  for (let i = rng.int(6); i > 0; i--) {
    const key = rng.weighted<() => string>([
      [4, () => rng.pick(keys)],
      [1, () => rng.pick(["__proto__[x]", "constructor[prototype][x]", "a[b][c]", "a[]", "download", "q"])],
      [1, () => encodeSegment(junkString(rng, 20))],
    ])();
    const value = rng.chance(0.1) ? "" : encodeSegment(junkString(rng, 300));
    parts.push(rng.chance(0.1) ? key : `${key}=${value}`);
  }
  return parts.join(rng.chance(0.9) ? "&" : ";");
}
