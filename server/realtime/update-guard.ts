import * as Y from "yjs";

/**
 * A guard against pathological Yjs updates (yjs issue 687, research/security.md YJS-09): lib0's
 * decoder reads past the end of a buffer without complaint, so a few bytes can declare billions
 * of structs and spin the process. Here the update is decoded once over a view that throws on any
 * read beyond its end, and every count is bounded by the bytes that remain, before the real doc
 * ever sees it. Returns false for anything that does not decode cleanly.
 */
export function isWellFormedUpdate(update: Uint8Array, maxStructs = 1_000_000): boolean {
  if (update.length === 0) return false;
  const strict = strictView(update);
  try {
    const decoded = Y.decodeUpdate(strict);
    return decoded.structs.length <= Math.min(maxStructs, update.length);
  } catch {
    return false;
  }
}

class OutOfBounds extends Error {}

/** A Uint8Array proxy whose indexed reads past the end throw instead of yielding undefined. */
function strictView(bytes: Uint8Array): Uint8Array {
  const length = bytes.length;
  return new Proxy(bytes, {
    get(target, property) {
      if (typeof property === "string") {
        const index = Number(property);
        if (Number.isInteger(index) && property !== "" && index >= 0) {
          if (index >= length) throw new OutOfBounds();
          return target[index];
        }
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
