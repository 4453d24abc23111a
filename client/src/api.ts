import type { z } from "zod";
import type { Messages } from "../../shared/i18n/messages.en.ts";
import { hasMessage, t } from "./i18n.ts";

/**
 * A failed call to Caseroom's server: the HTTP status (0 when the server could not be reached)
 * and the stable error code and message from `{"error": {"code", "message"}}` (DESIGN §11).
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  /** The error's other fields as the server sent them, such as an import's `problems`. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type ApiRequest = {
  method?: Method;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is, with this content type (a file the user chose). */
  raw?: { body: Blob; type: string };
  /** The version the change is based on, sent as `If-Match` (a stale one is a 412). */
  ifMatch?: number;
  signal?: AbortSignal;
};

/** Code of an answer that is not the JSON the contract promises. */
export const INVALID_RESPONSE = "response.invalid";
/** Code of a request that got no answer at all. */
export const NETWORK_UNAVAILABLE = "network.unavailable";
/** Code of a failure in the client itself, shown as the server's generic error. */
export const CLIENT_ERROR = "client.error";

type ErrorCode = keyof Messages["errors"];

/** The server's code for a bare status, for answers that carry no error body. */
const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: "request.invalid",
  401: "auth.required",
  403: "auth.forbidden",
  404: "route.not_found",
  413: "request.too_large",
  415: "request.unsupported_type",
  429: "request.rate_limited",
};

/**
 * Call the server on our own origin. Sends the session cookie, and on mutations the
 * `X-Requested-With: caseroom` header the server requires against CSRF. Resolves to the
 * response when its status is 2xx; rejects with an {@link ApiError} for any other answer or none
 * (an abort rejects with the abort's own error).
 */
export async function apiFetch(path: string, request: ApiRequest = {}): Promise<Response> {
  const method = request.method ?? "GET";
  const headers = new Headers({ Accept: "application/json" });
  if (method !== "GET") headers.set("X-Requested-With", "caseroom");
  if (request.ifMatch !== undefined) headers.set("If-Match", `"${request.ifMatch}"`);
  let body: string | Blob | undefined;
  if (request.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(request.json);
  } else if (request.raw !== undefined) {
    headers.set("Content-Type", request.raw.type);
    body = request.raw.body;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: request.signal,
    });
  } catch (error: unknown) {
    if (request.signal?.aborted) throw error;
    throw networkError();
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/**
 * {@link apiFetch}, then check the JSON answer against the contract's schema. An answer that is
 * not JSON or does not match rejects with an {@link ApiError} too.
 */
export async function apiRequest<T>(
  path: string,
  schema: z.ZodType<T>,
  request: ApiRequest = {},
): Promise<T> {
  const response = await apiFetch(path, request);
  const body = response.status === 204 ? undefined : await readJson(response);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidResponse(response.status);
  return parsed.data;
}

async function readJson(response: Response): Promise<unknown> {
  if (!isJson(response)) throw invalidResponse(response.status);
  try {
    return await response.json();
  } catch {
    throw invalidResponse(response.status);
  }
}

function isJson(response: Response): boolean {
  const type = response.headers.get("Content-Type") ?? "";
  return /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = isJson(response) ? await response.json().catch(() => null) : null;
  return apiErrorOf(response.status, body);
}

/**
 * The {@link ApiError} for a non-2xx answer with this (parsed JSON, or null) body: its code and
 * message when it has them, otherwise the catalogue's words for the status. For requests made
 * without {@link apiFetch}, such as an upload with `XMLHttpRequest` to show its progress.
 */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const fromBody = parseErrorBody(body);
  if (fromBody) return new ApiError(status, fromBody.code, fromBody.message, fromBody.details);
  const code = CODE_BY_STATUS[status] ?? "server.error";
  return new ApiError(status, code, t(`errors:${code}`));
}

/** The error for a request that got no answer at all. */
export function networkError(): ApiError {
  return new ApiError(0, NETWORK_UNAVAILABLE, t("api.networkError"));
}

/** The error for an answer that is not what the contract promises. */
export function invalidResponseError(status: number): ApiError {
  return invalidResponse(status);
}

function parseErrorBody(body: unknown): { code: string; message: string; details: Record<string, unknown> } | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, ...details } = body.error;
  if (typeof code !== "string" || code === "") return null;
  if (typeof message === "string" && message !== "") return { code, message, details };
  // A code without a message: our own words for it if the catalogue has them.
  const key = `errors:${code}`;
  return { code, message: hasMessage(key) ? t(key) : t("errors:server.error"), details };
}

/** An {@link ApiError} standing for a failure that is not the server's answer (a bug). */
export function unexpectedError(): ApiError {
  return new ApiError(0, CLIENT_ERROR, t("errors:server.error"));
}

function invalidResponse(status: number): ApiError {
  return new ApiError(status, INVALID_RESPONSE, t("errors:server.error"));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
