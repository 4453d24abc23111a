import type { Readable } from "node:stream";

/** Content-addressed storage for document bytes (DESIGN §5): the key is the SHA-256 (hex). */
export interface BlobStore {
  /** Store bytes; returns their SHA-256 and length. Storing the same bytes twice is a no-op. */
  put(content: Buffer): Promise<{ sha256: string; bytes: number }>;
  has(sha256: string): Promise<boolean>;
  /** A stream of the bytes, optionally a byte range [start, end] inclusive. */
  read(sha256: string, range?: { start: number; end: number }): Promise<Readable>;
  size(sha256: string): Promise<number>;
}
