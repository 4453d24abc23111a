import { type Accessor, createSignal, onCleanup } from "solid-js";
import { ApiError, apiFetch, unexpectedError } from "../../src/api.ts";

/** Where a download with progress is. `total` is the Content-Length, when the server gave one. */
export type DownloadState =
  | { phase: "idle" }
  | { phase: "waiting" }
  | { phase: "receiving"; received: number; total?: number }
  | { phase: "done"; name: string }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

export type Download = {
  state: Accessor<DownloadState>;
  isRunning: Accessor<boolean>;
  /** Fetch `url` and save it, named as the server says or else `fallbackName`. */
  start: (url: string, fallbackName: string) => Promise<void>;
  cancel: () => void;
};

/** The percentage of a download done, when its size is known. */
export function percentOf(state: DownloadState): number | undefined {
  if (state.phase !== "receiving" || !state.total) return undefined;
  return Math.min(100, Math.floor((state.received / state.total) * 100));
}

/**
 * A file download that shows its progress: the file is fetched (with the session cookie), its
 * body read chunk by chunk to count the bytes, then saved through a `blob:` URL. Leaving the page
 * cancels it.
 */
export function createDownload(): Download {
  const [state, setState] = createSignal<DownloadState>({ phase: "idle" });
  let controller: AbortController | undefined;
  const isRunning = () => {
    const phase = state().phase;
    return phase === "waiting" || phase === "receiving";
  };

  const cancel = () => controller?.abort();
  onCleanup(cancel);

  const start = async (url: string, fallbackName: string) => {
    if (isRunning()) return;
    const current = new AbortController();
    controller = current;
    setState({ phase: "waiting" });
    try {
      const file = await fetchWithProgress(url, current.signal, (received, total) =>
        setState({ phase: "receiving", received, total }),
      );
      const name = fileNameOf(file.disposition) ?? fallbackName;
      saveBlob(file.blob, name);
      setState({ phase: "done", name });
    } catch (error: unknown) {
      if (current.signal.aborted) setState({ phase: "cancelled" });
      else setState({ phase: "failed", message: messageOf(error) });
    } finally {
      if (controller === current) controller = undefined;
    }
  };

  return { state, isRunning, start, cancel };
}

function messageOf(error: unknown): string {
  return (error instanceof ApiError ? error : unexpectedError()).message;
}

type FetchedFile = { blob: Blob; disposition: string | null };

async function fetchWithProgress(
  url: string,
  signal: AbortSignal,
  onProgress: (received: number, total: number | undefined) => void,
): Promise<FetchedFile> {
  const response = await apiFetch(url, { signal });
  const length = Number(response.headers.get("Content-Length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const type = response.headers.get("Content-Type") ?? "application/octet-stream";
  const disposition = response.headers.get("Content-Disposition");
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (!reader) return { blob: await response.blob(), disposition };
  // Still "waiting" until the first bytes arrive: a PDF bundle is built before it is sent.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return { blob: new Blob(chunks, { type }), disposition };
}

/** The file name a `Content-Disposition` header gives, preferring its UTF-8 form (RFC 6266). */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Not valid percent-encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  const name = plain?.[1]?.trim();
  return name ? name : undefined;
}

/** How long a saved file's `blob:` URL lives: long enough for every browser to start saving. */
const REVOKE_AFTER_MS = 10_000;

/** Save a blob as a file, through a temporary link the router leaves alone (`download`). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
