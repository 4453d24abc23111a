import { parentPort } from "node:worker_threads";
import { inspectPdfInProcess } from "./pdf-parse.ts";

/** Parses PDFs off the main thread, one at a time; the parent enforces time and memory limits. */
parentPort?.on("message", (message: { id: number; content: Uint8Array }) => {
  const content = Buffer.from(message.content.buffer, message.content.byteOffset, message.content.byteLength);
  inspectPdfInProcess(content).then(
    (result) => parentPort?.postMessage({ id: message.id, ok: true, result }),
    () => parentPort?.postMessage({ id: message.id, ok: false }),
  );
});
