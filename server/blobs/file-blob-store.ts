import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore } from "./blob-store.ts";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Blobs as files under `<dir>/<aa>/<sha256>`. Written to a temporary file, fsynced, then renamed,
 * so a blob is either whole or absent.
 */
export function createFileBlobStore(dir: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!SHA256_HEX.test(sha256)) throw new Error("invalid blob key");
    return path.join(dir, sha256.slice(0, 2), sha256);
  };

  return {
    async put(content) {
      const sha256 = createHash("sha256").update(content).digest("hex");
      const target = pathOf(sha256);
      if (!fs.existsSync(target)) {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const temporary = `${target}.${randomUUID()}.tmp`;
        const handle = await fs.promises.open(temporary, "wx");
        try {
          await handle.writeFile(content);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.promises.rename(temporary, target);
      }
      return { sha256, bytes: content.length };
    },
    async has(sha256) {
      return fs.existsSync(pathOf(sha256));
    },
    async read(sha256, range) {
      return fs.createReadStream(pathOf(sha256), range ? { start: range.start, end: range.end } : {}) as Readable;
    },
    async size(sha256) {
      return (await fs.promises.stat(pathOf(sha256))).size;
    },
  };
}
