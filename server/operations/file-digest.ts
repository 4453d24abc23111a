import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

export type FileDigest = { bytes: number; sha256: string };

/** SHA-256 and length of a file, streamed. */
export async function digestFile(file: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest("hex") };
}

/**
 * Copy `from` to a new file `to` (its folder created), hashing the bytes as they pass, and fsync
 * it: the digest is of what was written, not of what the source holds a moment later.
 */
export async function copyFileWithDigest(from: string, to: string): Promise<FileDigest> {
  await fs.promises.mkdir(path.dirname(to), { recursive: true });
  const hash = createHash("sha256");
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(fs.createReadStream(from), tap, fs.createWriteStream(to, { flags: "wx" }));
  await fsyncPath(to);
  return { bytes, sha256: hash.digest("hex") };
}

/** Flush a file or a folder's entries to disk. */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.promises.open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
