import { Worker } from "node:worker_threads";
import type { PdfInspection } from "./pdf-parse.ts";

export type { PdfInspection };

const PDF_MAGIC = Buffer.from("%PDF-");
const WORKER = new URL("./pdf-inspect.worker.ts", import.meta.url);

/** True when `%PDF-` appears in the first kilobyte (the parse in `inspectPdf` is the real check). */
export function hasPdfMagic(content: Buffer): boolean {
  return content.subarray(0, 1024).includes(PDF_MAGIC);
}

type Pending = { resolve: (r: PdfInspection) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/**
 * Parses untrusted PDFs in a worker thread with a memory cap and a deadline per file, so a hostile
 * file can neither stall nor exhaust the server (research/security.md PDF-07). The worker is kept
 * for the next file and replaced when a file kills it or runs out of time.
 */
export function createPdfInspector(options: { timeoutMs?: number; maxMemoryMb?: number; idleMs?: number } = {}) {
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  // An idle worker is stopped so its memory goes back to the system; the next file starts one.
  const scheduleIdleStop = () => {
    clearTimeout(idleTimer);
    if (pending.size > 0) return;
    idleTimer = setTimeout(() => {
      const w = worker;
      worker = undefined;
      if (w && pending.size === 0) void w.terminate();
    }, options.idleMs ?? 5_000);
    idleTimer.unref();
  };
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(error);
      pending.delete(id);
    }
  };

  const start = () => {
    // The server runs TypeScript through tsx; the worker registers the same loader first.
    const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER.href)}); });`;
    const w = new Worker(bootstrap, {
      eval: true,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 256 },
      stdout: true,
      stderr: true,
    });
    w.unref();
    w.on("message", (message: { id: number; ok: boolean; result?: PdfInspection }) => {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      clearTimeout(p.timer);
      if (message.ok && message.result) p.resolve(message.result);
      else p.reject(new Error("not a readable PDF"));
      scheduleIdleStop();
    });
    w.on("error", () => undefined);
    w.on("exit", () => {
      if (worker === w) worker = undefined;
      failAll(new Error("PDF inspection stopped"));
    });
    return w;
  };

  return {
    /** Page count and per-page text; rejects when the bytes are not a readable PDF. */
    inspect(content: Buffer): Promise<PdfInspection> {
      clearTimeout(idleTimer);
      worker ??= start();
      const current = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error("PDF inspection timed out"));
          // A file that runs out of time may be spinning: replace the worker.
          if (worker === current) worker = undefined;
          void current.terminate();
        }, options.timeoutMs ?? 60_000);
        pending.set(id, { resolve, reject, timer });
        current.postMessage({ id, content: new Uint8Array(content) });
      });
    },
    async close(): Promise<void> {
      clearTimeout(idleTimer);
      const w = worker;
      worker = undefined;
      failAll(new Error("PDF inspector closed"));
      if (w) await w.terminate();
    },
  };
}

export type PdfInspector = ReturnType<typeof createPdfInspector>;
