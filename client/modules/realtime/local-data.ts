import { clearDocument } from "y-indexeddb";

/** Every IndexedDB database a collaboration doc was kept in on this device (localStorage). */
const REGISTRY = "caseroom:local-collab-docs";
/** The prefix of those databases: `caseroom:<userId>:<docName>`. */
const PREFIX = "caseroom:";

function readRegistry(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(REGISTRY) ?? "[]");
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
  } catch {
    return [];
  }
}

function writeRegistry(keys: readonly string[]): void {
  try {
    if (keys.length === 0) localStorage.removeItem(REGISTRY);
    else localStorage.setItem(REGISTRY, JSON.stringify([...new Set(keys)]));
  } catch {
    // Storage full or disabled: clearLocalData still finds the databases by their prefix.
  }
}

/** Databases open now, each with how to stop writing to it. */
const open = new Map<string, () => Promise<unknown>>();

/**
 * Note that `key` is open and `close` stops writing to it (so deleting it cannot race with a
 * write); returns how to forget it again.
 */
export function trackOpenLocalDoc(key: string, close: () => Promise<unknown>): () => void {
  open.set(key, close);
  return () => {
    if (open.get(key) === close) open.delete(key);
  };
}

/** Record that `key` holds a doc on this device, so that signing out can remove it. */
export function rememberLocalKey(key: string): void {
  const keys = readRegistry();
  if (!keys.includes(key)) writeRegistry([...keys, key]);
}

/** The doc name part of a key `caseroom:<userId>:<docName>` (user ids hold no colon). */
function docNameOf(key: string): string {
  const rest = key.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  return colon === -1 ? "" : rest.slice(colon + 1);
}

async function knownDatabases(): Promise<string[]> {
  const keys = readRegistry();
  try {
    // Also those a lost registry no longer lists.
    const databases = typeof indexedDB.databases === "function" ? await indexedDB.databases() : [];
    for (const { name } of databases) if (name?.startsWith(PREFIX)) keys.push(name);
  } catch {
    // Not supported here: the registry is all we know.
  }
  return [...new Set(keys)];
}

/**
 * Delete the collaboration docs kept on this device: all of them (on sign-out), or those whose
 * doc name `matches` (when access to a case ends). Docs still open are closed by the deletion.
 */
export async function clearLocalData(matches: (docName: string) => boolean = () => true): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  const keys = await knownDatabases();
  const doomed = keys.filter((key) => matches(docNameOf(key)));
  writeRegistry(readRegistry().filter((key) => !doomed.includes(key)));
  await Promise.all(
    doomed.map(async (key) => {
      const close = open.get(key);
      open.delete(key);
      await close?.().catch(() => undefined);
      await clearDocument(key).catch(() => undefined);
    }),
  );
}

/** Delete what this device keeps of one case's docs. */
export function clearLocalCaseData(caseId: string): Promise<void> {
  return clearLocalData((docName) => docName.startsWith(`case/${caseId}/`));
}
