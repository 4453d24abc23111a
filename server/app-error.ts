import { ERROR_STATUS, type ErrorCode } from "../shared/errors/error-codes.ts";

/**
 * An error a service raises on purpose: a stable code, its status, and optional parameters for
 * the catalogue message. Anything else that escapes is a bug and answers `server.error`.
 */
export class AppError extends Error {
  override name = "AppError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    /** Fields answered beside `error` (e.g. an import's `problems`): only what the client may see. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.status = ERROR_STATUS[code];
  }
}
