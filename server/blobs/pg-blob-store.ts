import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type pg from "pg";
import { withTransaction } from "../storage/postgres/pg-transaction.ts";
import type { BlobStore } from "./blob-store.ts";

/** Blobs are stored in chunks of this many bytes (the last one may be shorter). */
export const BLOB_CHUNK_BYTES = 256 * 1024;

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Blobs in PostgreSQL (tables `blobs` and `blob_chunks`, created by the store's migrations), for
 * instances that share no disk. A blob's chunks and its `blobs` row commit together, so a blob
 * is either whole or absent; reads stream one chunk at a time and fetch only the bytes asked for.
 * The pool belongs to the caller, who ends it.
 */
export function createPgBlobStore(pool: pg.Pool): BlobStore {
  const sizeOf = async (sha256: string): Promise<number | undefined> => {
    checkKey(sha256);
    const { rows } = await pool.query("SELECT bytes FROM blobs WHERE sha256 = $1", [sha256]);
    return rows[0] ? Number(rows[0].bytes) : undefined;
  };
  const mustSize = async (sha256: string): Promise<number> => {
    const bytes = await sizeOf(sha256);
    if (bytes === undefined) throw Object.assign(new Error(`no blob ${sha256}`), { code: "ENOENT" });
    return bytes;
  };

  /** Bytes [from, to] (inclusive, both within one chunk) of chunk `idx`. */
  const readSlice = async (sha256: string, idx: number, from: number, to: number): Promise<Buffer> => {
    const { rows } = await pool.query("SELECT substring(data FROM $3 FOR $4) AS data FROM blob_chunks WHERE sha256 = $1 AND idx = $2", [
      sha256,
      idx,
      from + 1,
      to - from + 1,
    ]);
    if (!rows[0]) throw new Error(`blob ${sha256} is missing chunk ${idx}`);
    return rows[0].data as Buffer;
  };

  return {
    async put(content) {
      const sha256 = createHash("sha256").update(content).digest("hex");
      if ((await sizeOf(sha256)) === undefined) {
        await withTransaction(pool, async (client) => {
          // Two instances storing the same bytes at once: the second waits on the first's rows, then skips them.
          for (let idx = 0; idx * BLOB_CHUNK_BYTES < content.length; idx++) {
            const chunk = content.subarray(idx * BLOB_CHUNK_BYTES, (idx + 1) * BLOB_CHUNK_BYTES);
            await client.query("INSERT INTO blob_chunks (sha256, idx, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", [sha256, idx, chunk]);
          }
          await client.query("INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT DO NOTHING", [sha256, content.length]);
        });
      }
      return { sha256, bytes: content.length };
    },
    async has(sha256) {
      return (await sizeOf(sha256)) !== undefined;
    },
    async read(sha256, range) {
      const size = await mustSize(sha256);
      // As a file stream: an end past the last byte stops at it.
      const start = range?.start ?? 0;
      const end = Math.min(range?.end ?? size - 1, size - 1);
      async function* chunks() {
        if (start > end) return;
        for (let idx = Math.floor(start / BLOB_CHUNK_BYTES); idx * BLOB_CHUNK_BYTES <= end; idx++) {
          const chunkStart = idx * BLOB_CHUNK_BYTES;
          const from = Math.max(start, chunkStart) - chunkStart;
          const to = Math.min(end, chunkStart + BLOB_CHUNK_BYTES - 1) - chunkStart;
          yield await readSlice(sha256, idx, from, to);
        }
      }
      return Readable.from(chunks(), { objectMode: false });
    },
    async size(sha256) {
      return mustSize(sha256);
    },
  };
}

function checkKey(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error("invalid blob key");
}
