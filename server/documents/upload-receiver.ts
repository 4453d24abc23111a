import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import busboy from "busboy";
import { AppError } from "../app-error.ts";

export type ReceivedUpload = {
  fields: Record<string, string>;
  /** Temporary file holding the bytes; the caller removes it. */
  filePath: string;
  bytes: number;
  sha256: string;
};

/**
 * Stream one multipart upload to a temporary file, hashing as it goes. Fields come first (DESIGN
 * §11: section, title, visibility, then file). Over `limit` bytes: 413 and nothing kept; a
 * missing file or extra files: 400. The temporary file is always removed on failure.
 */
export function receiveUpload(req: IncomingMessage, options: { limit: number; tempDir: string }): Promise<ReceivedUpload> {
  fs.mkdirSync(options.tempDir, { recursive: true });
  const filePath = path.join(options.tempDir, `upload-${randomUUID()}.part`);
  const cleanup = () => fs.rmSync(filePath, { force: true });

  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: options.limit, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      });
    } catch {
      reject(new AppError("request.unsupported_type"));
      return;
    }
    const fields: Record<string, string> = {};
    const hash = createHash("sha256");
    let bytes = 0;
    let failure: AppError | undefined;
    let written: Promise<void> | undefined;

    const fail = (error: AppError) => {
      failure ??= error;
    };

    parser.on("field", (name, value, info) => {
      if (info.valueTruncated || info.nameTruncated) fail(new AppError("request.invalid"));
      fields[name] = value;
    });
    parser.on("file", (name, stream) => {
      // A body that stops before its closing boundary errors this stream: refuse it, never crash.
      stream.on("error", () => fail(new AppError("request.invalid")));
      if (name !== "file" || written) {
        fail(new AppError("request.invalid"));
        stream.resume();
        return;
      }
      const out = fs.createWriteStream(filePath, { flags: "wx" });
      written = new Promise<void>((done, error) => {
        out.on("finish", done);
        out.on("error", error);
      });
      stream.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      stream.on("limit", () => fail(new AppError("document.too_large")));
      stream.pipe(out);
    });
    parser.on("filesLimit", () => fail(new AppError("request.invalid")));
    parser.on("partsLimit", () => fail(new AppError("request.invalid")));
    parser.on("fieldsLimit", () => fail(new AppError("request.invalid")));
    parser.on("error", () => {
      cleanup();
      reject(failure ?? new AppError("request.invalid"));
    });
    parser.on("close", () => {
      (written ?? Promise.resolve()).then(
        () => {
          if (failure || !written) {
            cleanup();
            reject(failure ?? new AppError("request.invalid"));
            return;
          }
          resolve({ fields, filePath, bytes, sha256: hash.digest("hex") });
        },
        () => {
          cleanup();
          reject(new AppError("server.error"));
        },
      );
    });
    req.on("aborted", () => {
      cleanup();
      reject(new AppError("request.invalid"));
    });
    req.pipe(parser);
  });
}
