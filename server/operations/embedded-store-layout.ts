import path from "node:path";

/**
 * Where the embedded store keeps its files under DATA_DIR: the SQLite database and the
 * content-addressed blobs (`blobs/<first two hex digits>/<sha256>`). The same layout as
 * `composeDependencies` opens; operations tools read and write these files directly.
 */
export function embeddedStoreLayout(dataDir: string): { database: string; blobs: string } {
  return { database: path.join(dataDir, DATABASE_FILE), blobs: path.join(dataDir, BLOBS_DIR) };
}

export const DATABASE_FILE = "caseroom.sqlite";
export const BLOBS_DIR = "blobs";

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Whether `name`, in the folder `prefix`, is a finished blob (temporary files are not). */
export function isBlobFileName(prefix: string, name: string): boolean {
  return SHA256_HEX.test(name) && name.startsWith(prefix);
}
