import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { WebSocket } from "ws";
import * as Y from "yjs";
import { COLLAB_MESSAGE, MAX_COLLAB_FRAME_BYTES } from "../../shared/protocol/collab-protocol.ts";
import type { Rng } from "./fuzz-random.ts";

/** y-websocket frames, built with lib0 exactly as y-protocols does. */
export const frame = {
  syncStep1(stateVector: Uint8Array): Uint8Array {
    return build((e) => {
      encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, stateVector);
    });
  },
  /** SyncStep2 (1) or Update (2). */
  sync(kind: 1 | 2, update: Uint8Array): Uint8Array {
    return build((e) => {
      encoding.writeVarUint(e, COLLAB_MESSAGE.sync);
      encoding.writeVarUint(e, kind);
      encoding.writeVarUint8Array(e, update);
    });
  },
  awareness(entries: readonly { clientId: number; clock: number; json: string }[], count = entries.length): Uint8Array {
    const inner = build((e) => {
      encoding.writeVarUint(e, count);
      for (const { clientId, clock, json } of entries) {
        encoding.writeVarUint(e, clientId);
        encoding.writeVarUint(e, clock);
        encoding.writeVarString(e, json);
      }
    });
    return build((e) => {
      encoding.writeVarUint(e, COLLAB_MESSAGE.awareness);
      encoding.writeVarUint8Array(e, inner);
    });
  },
};

function build(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Yjs updates a writer could really send: inserts, map sets, deletions of what `base` holds. */
export function validUpdates(rng: Rng, base: Uint8Array, marker: string): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  doc.on("update", (u: Uint8Array) => updates.push(u));
  const text = doc.getText("text");
  text.insert(rng.int(text.length + 1), `${marker}-text`);
  doc.getMap("annotations").set(`${marker}-key`, { page: rng.between(1, 20), note: `${marker}-note`, nested: { list: [1, 2, 3] } });
  doc.getMap("fields").set(`${marker}-field`, `${marker}-value`);
  if (text.length > 4) text.delete(rng.int(text.length - 2), 2);
  const fresh = new Y.Doc();
  fresh.on("update", (u: Uint8Array) => updates.push(u));
  fresh.getText("text").insert(0, `${marker}-fresh`);
  fresh.getArray("list").push([1, "two", { three: 3 }, new Uint8Array([4])]);
  doc.destroy();
  fresh.destroy();
  return updates;
}

/** The frame cut short at a random point (every strict prefix of a frame is malformed). */
export function truncate(rng: Rng, bytes: Uint8Array): Uint8Array {
  return bytes.slice(0, rng.int(bytes.length));
}

/** A few bytes changed, inserted or removed: may still decode, and then it is legitimate content. */
export function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (let n = rng.between(1, 3); n > 0; n--) {
    const at = rng.int(out.length);
    const kind = rng.int(3);
    if (kind === 0) out[at] = (out[at] ?? 0) ^ rng.between(1, 255);
    else if (kind === 1) out = Uint8Array.from([...out.slice(0, at), rng.int(256), ...out.slice(at)]);
    else if (out.length > 3) out = Uint8Array.from([...out.slice(0, at), ...out.slice(at + 1)]);
  }
  return out;
}

/**
 * A frame the server must refuse by closing with 4400 (malformed), with a label. None of
 * them can be read as a document update: they are truncated, of an unknown type, carry varints
 * beyond 2^53, or awareness that is not JSON.
 */
export function malformedFrame(rng: Rng, valid: readonly Uint8Array[]): { label: string; bytes: Uint8Array | string; writersOnly?: boolean } {
  const ff = (n: number) => new Array<number>(n).fill(0xff);
  const candidates: (() => { label: string; bytes: Uint8Array | string; writersOnly?: boolean })[] = [
    () => ({ label: "truncated valid frame", bytes: truncate(rng, rng.pick(valid)) }),
    () => ({ label: "truncated valid frame", bytes: truncate(rng, rng.pick(valid)) }),
    () => {
      // The update itself cut short, inside a correctly sized frame.
      const update = readUpdate(rng.pick(valid.filter((f) => f[1] === 1 || f[1] === 2)));
      // A read-only connection's updates are dropped unread, so only a writer is closed for it.
      return { label: "truncated update in a whole frame", bytes: frame.sync(rng.pick([1, 2] as const), update.slice(0, rng.int(update.length))), writersOnly: true };
    },
    () => ({ label: "empty frame", bytes: new Uint8Array(0) }),
    () => ({ label: "unknown message type", bytes: Uint8Array.from([rng.pick([2, 3, 4, 99, 100, 101, 102, 127]), ...rng.bytes(rng.int(20))]) }),
    () => ({ label: "unknown message type (multi-byte varint)", bytes: Uint8Array.from([0x80 | rng.int(128), rng.between(1, 127), ...rng.bytes(rng.int(8))]) }),
    () => ({ label: "unknown sync type", bytes: Uint8Array.from([0, rng.between(3, 127), ...rng.bytes(rng.int(20))]) }),
    () => ({ label: "huge message type varint", bytes: Uint8Array.from([...ff(rng.between(8, 12)), 0x7f]) }),
    () => ({ label: "huge sync type varint", bytes: Uint8Array.from([0, ...ff(rng.between(8, 12)), 0x01]) }),
    () => ({ label: "huge update length", bytes: Uint8Array.from([0, rng.between(0, 2), 0xff, 0xff, 0xff, 0xff, 0x0f, ...rng.bytes(rng.int(16))]) }),
    () => ({ label: "huge awareness length", bytes: Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x0f, ...rng.bytes(rng.int(16))]) }),
    () => ({ label: "varint that never ends", bytes: Uint8Array.from([0, 2, ...ff(rng.between(1, 40))]) }),
    () => ({
      // yjs#687: a few bytes declaring a huge number of structs.
      label: "update declaring 2^28 structs",
      bytes: frame.sync(2, Uint8Array.from([1, 0xff, 0xff, 0xff, 0x7f, rng.between(1, 127), 0])),
    }),
    () => ({ label: "state vector declaring 2^28 clients", bytes: frame.syncStep1(Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 1, 1])) }),
    () => ({ label: "awareness with a count above the limit", bytes: frame.awareness([{ clientId: 1, clock: 1, json: "{}" }], rng.between(65, 100_000)) }),
    () => ({ label: "awareness with more entries declared than sent", bytes: frame.awareness([{ clientId: rng.between(1, 2 ** 30), clock: 1, json: "{}" }], rng.between(2, 64)) }),
    () => ({
      label: "awareness that is not JSON",
      bytes: frame.awareness([{ clientId: rng.between(1, 2 ** 30), clock: rng.between(0, 10), json: rng.pick(["{", "{'a':1}", "undefined", "NaN", "[1,", '{"a":}', "\u0000", "} {"]) }]),
    }),
    () => {
      const inner = Uint8Array.from([1, rng.between(1, 127), ...ff(9), 0x7f, 2, 0x7b, 0x7d]);
      return { label: "awareness clock beyond 2^53", bytes: Uint8Array.from([COLLAB_MESSAGE.awareness, inner.length, ...inner]) };
    },
    () => ({ label: "text frame", bytes: rng.pick(["hello", '{"type":"sync"}', "\u0000\u0002", ""]) }),
  ];
  return rng.pick(candidates)();
}

/** Random frames: random bytes, sometimes behind a valid message type. Some may be accepted. */
export function randomFrame(rng: Rng): Uint8Array {
  const body = rng.bytes(rng.weighted([
    [6, rng.between(0, 32)],
    [3, rng.between(33, 512)],
    [1, rng.between(513, 16_384)],
  ]));
  return rng.weighted<() => Uint8Array>([
    [2, () => body],
    [2, () => Uint8Array.from([0, rng.int(3), ...body])],
    [1, () => frame.sync(rng.pick([1, 2] as const), body)],
    [1, () => Uint8Array.from([1, ...body])],
  ])();
}

/** Awareness frames with JSON that parses but is hostile: deep, huge, prototype keys, wrong types. */
export function hostileAwareness(rng: Rng, clientId: number, clock: number): Uint8Array {
  const depth = rng.between(100, 3000);
  const json = rng.pick([
    () => '{"__proto__":{"polluted":"yes"},"cursor":{"__proto__":{"polluted":"yes"}},"user":{"name":"HHJ Smith","role":"court"}}',
    () => `{"cursor":${"[".repeat(depth)}${"]".repeat(depth)}}`,
    () => `{"selection":"${"x".repeat(rng.between(1000, 100_000))}"}`,
    () => JSON.stringify({ cursor: rng.pick([null, 1, "x", [], true]), field: { anchor: { type: { client: -1, clock: 2 ** 60 } } }, extra: "dropped" }),
    () => rng.pick(["[]", "1", '"x"', "true", "null", "{}"]),
  ])();
  return frame.awareness([{ clientId, clock, json }]);
}

/** The update inside a SyncStep2/Update frame. */
export function readUpdate(bytes: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(bytes);
  decoding.readVarUint(d);
  decoding.readVarUint(d);
  return decoding.readVarUint8Array(d);
}

/**
 * Whether a frame is a document update that a decoder could take as content (a SyncStep2 or
 * Update whose payload decodes without error). Random frames that could are kept out of the
 * checks that require content to stay unchanged.
 */
export function couldBeContent(bytes: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(bytes);
    if (decoding.readVarUint(d) !== COLLAB_MESSAGE.sync) return false;
    const kind = decoding.readVarUint(d);
    if (kind !== 1 && kind !== 2) return false;
    Y.decodeUpdate(decoding.readVarUint8Array(d));
    return true;
  } catch {
    return false;
  }
}

export const OVERSIZED_FRAME_BYTES = MAX_COLLAB_FRAME_BYTES + 1;

/** What became of a raw fuzz connection. */
export type RawOutcome = { closeCode: number | null; answered: boolean; error?: string };

/**
 * Open a raw `ws` connection to `/collab/<name>` with a session cookie, send `frames`, then a
 * SyncStep1 probe, and report whether the server closed the connection (with which code) or
 * answered the probe with a SyncStep2 within `timeoutMs`. Never leaves the socket open.
 */
export function rawCollab(url: string, headers: Record<string, string>, frames: (Uint8Array | string)[], timeoutMs = 3000): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, maxPayload: 64 * 1024 * 1024 });
    let probed = false;
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ closeCode: null, answered: false, error: "neither closed nor answered" }), timeoutMs);
    ws.on("error", (error) => finish({ closeCode: null, answered: false, error: error.message }));
    ws.on("unexpected-response", (_req, res) => finish({ closeCode: null, answered: false, error: `upgrade refused ${res.statusCode}` }));
    ws.on("close", (code) => finish({ closeCode: code, answered: false }));
    ws.on("open", () => {
      for (const f of frames) ws.send(f, { binary: typeof f !== "string" });
      ws.send(frame.syncStep1(new Uint8Array([0])));
      probed = true;
    });
    ws.on("message", (data: Buffer) => {
      // SyncStep2 ([0, 1, …]) only ever answers a SyncStep1: ours (or one among the frames).
      if (probed && data[0] === 0 && data[1] === 1) {
        // Give a close that is already on its way a moment to arrive first.
        setTimeout(() => finish({ closeCode: null, answered: true }), 20);
      }
    });
  });
}

/** Ids a hostile update may point at: the clients a doc knows, with their next clocks. */
export function knownIds(doc: Y.Doc): { client: number; clock: number }[] {
  return [...doc.store.clients.entries()].map(([client, structs]) => {
    const last = structs.at(-1);
    return { client, clock: last ? last.id.clock + last.length : 0 };
  });
}

/**
 * A Yjs update (v1) that decodes cleanly but is built to hurt: zero-length and overflowing
 * ranges, a client listed twice, references to items that do not exist or are not types,
 * unknown root names, subdocuments, clocks near 2^53. Encoded by hand with lib0, field by field
 * as yjs reads them.
 */
export function hostileUpdate(rng: Rng, known: readonly { client: number; clock: number }[]): Uint8Array {
  const e = encoding.createEncoder();
  const someClient = () => (known.length > 0 && rng.chance(0.6) ? rng.pick(known).client : rng.pick([0, 1, rng.between(2, 2 ** 31), 2 ** 53 - 1]));
  const someClock = (client: number) => {
    const state = known.find((k) => k.client === client)?.clock ?? 0;
    return rng.pick([0, state, Math.max(0, state - 1), state + rng.between(1, 5), rng.between(0, 1000), 2 ** 32 - rng.between(1, 3), 2 ** 32, 2 ** 53 - 10]);
  };
  const someLen = () => rng.pick([0, 1, 2, rng.between(3, 50), 2 ** 31, 2 ** 32 - 1, 2 ** 53 - 1]);
  const writeId = () => {
    const client = someClient();
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, someClock(client));
  };
  const someKey = () => rng.pick(["text", "annotations", "fields", "list", "", "__proto__", "x".repeat(rng.between(1, 300))]);
  const groups = rng.between(0, 3);
  const clients = Array.from({ length: groups }, someClient);
  if (groups > 1 && rng.chance(0.3)) clients[1] = clients[0] as number;
  encoding.writeVarUint(e, groups);
  for (const client of clients) {
    const structs = rng.between(1, 4);
    encoding.writeVarUint(e, structs);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, someClock(client));
    for (let s = 0; s < structs; s++) {
      const ref = rng.weighted([
        [1, 0],
        [1, 10],
        [10, rng.between(1, 9)],
      ]);
      if (ref === 0 || ref === 10) {
        encoding.writeUint8(e, ref);
        encoding.writeVarUint(e, someLen());
        continue;
      }
      const origin = rng.chance(0.4);
      const rightOrigin = rng.chance(0.3);
      const parentSub = !origin && !rightOrigin && rng.chance(0.4);
      encoding.writeUint8(e, ref | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (parentSub ? 0x20 : 0));
      if (origin) writeId();
      if (rightOrigin) writeId();
      if (!origin && !rightOrigin) {
        const root = rng.chance(0.6);
        encoding.writeVarUint(e, root ? 1 : 0);
        if (root) encoding.writeVarString(e, someKey());
        else writeId();
        if (parentSub) encoding.writeVarString(e, someKey());
      }
      switch (ref) {
        case 1:
          encoding.writeVarUint(e, someLen());
          break;
        case 2: {
          const n = rng.between(0, 3);
          encoding.writeVarUint(e, n);
          for (let i = 0; i < n; i++) encoding.writeVarString(e, rng.pick(["1", '"x"', "undefined", "null", "{}"]));
          break;
        }
        case 3:
          encoding.writeVarUint8Array(e, rng.bytes(rng.between(0, 8)));
          break;
        case 4:
          encoding.writeVarString(e, rng.pick(["", "x", "😀", "\ud800", "abc".repeat(rng.between(1, 50))]));
          break;
        case 5:
          encoding.writeVarString(e, rng.pick(["{}", "1", "null", '{"image":"x"}']));
          break;
        case 6:
          encoding.writeVarString(e, someKey());
          encoding.writeVarString(e, rng.pick(["true", "null", '{"b":1}']));
          break;
        case 7: {
          const typeRef = rng.between(0, 6);
          encoding.writeVarUint(e, typeRef);
          if (typeRef === 3 || typeRef === 5) encoding.writeVarString(e, someKey());
          break;
        }
        case 8: {
          const n = rng.between(0, 3);
          encoding.writeVarUint(e, n);
          for (let i = 0; i < n; i++) encoding.writeAny(e, rng.pick([null, 1, "x", { a: [1] }, true, 2 ** 60]));
          break;
        }
        default:
          encoding.writeVarString(e, rng.pick(["guid-1", "", rng.bytes(4).join("")]));
          encoding.writeAny(e, rng.pick([{}, { gc: false }, { shouldLoad: true, meta: "x" }, { autoLoad: true }]));
      }
    }
  }
  const dsClients = rng.between(0, 3);
  encoding.writeVarUint(e, dsClients);
  for (let c = 0; c < dsClients; c++) {
    const client = someClient();
    encoding.writeVarUint(e, client);
    const deletes = rng.between(1, 3);
    encoding.writeVarUint(e, deletes);
    for (let d = 0; d < deletes; d++) {
      encoding.writeVarUint(e, someClock(client));
      encoding.writeVarUint(e, someLen());
    }
  }
  return encoding.toUint8Array(e);
}
