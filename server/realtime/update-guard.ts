import * as Y from "yjs";

/** One past the highest clock a client can reach: a clock counts the elements it inserted. */
const MAX_CLOCK = 2 ** 32;

/**
 * A guard against pathological Yjs updates (yjs issue 687, research/security.md YJS-09): lib0's
 * decoder reads past the end of a buffer without complaint, so a few bytes can declare billions
 * of structs and spin the process. Here the update is decoded once over a view that throws on any
 * read beyond its end, and every count is bounded by the bytes that remain, before the real doc
 * ever sees it. Returns false for anything that does not decode cleanly, or that Yjs itself would
 * never encode (and would throw or spin on when the registry applies it, after storing it).
 */
export function isWellFormedUpdate(update: Uint8Array, maxStructs = 1_000_000): boolean {
  if (update.length === 0) return false;
  const strict = strictView(update);
  try {
    const decoded = Y.decodeUpdate(strict);
    if (decoded.structs.length > Math.min(maxStructs, update.length)) return false;
    // Every struct and deleted range is non-empty and ends at a sane clock, as Yjs itself encodes
    // them: applying an empty deletion throws, and clocks near 2^53 (where adding one changes
    // nothing) can make integration loop for ever.
    for (const struct of decoded.structs) {
      if (struct.length < 1 || struct.id.clock + struct.length > MAX_CLOCK) return false;
      if (struct instanceof Y.Item && !refersBack(struct)) return false;
    }
    for (const ranges of decoded.ds.clients.values()) for (const range of ranges) if (range.len < 1 || range.clock + range.len > MAX_CLOCK) return false;
    return true;
  } catch {
    return false;
  }
}

/** An item can only point at items of its own client that came before it (Yjs assumes so). */
function refersBack(item: Y.Item): boolean {
  const { client, clock } = item.id;
  for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
    if (ref && ref.client === client && ref.clock >= clock) return false;
  }
  return true;
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
