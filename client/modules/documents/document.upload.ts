import { apiErrorOf, invalidResponseError, networkError } from "../../src/api.ts";
import { type ListedDocument, servedDocument } from "./document.api.ts";

/** What `POST /api/cases/:caseId/documents` takes (DESIGN §11). */
export type ServeRequest = {
  section: string;
  title: string;
  /** "all", or the defendants whose defence may see it. */
  visibility: "all" | readonly string[];
  file: File;
};

export type UploadProgress = {
  /** Bytes of the request body sent so far, and in all (when the browser knows). */
  onProgress: (sent: number, total: number | undefined) => void;
  /** The whole body is sent; the server is checking the document. */
  onSent: () => void;
  signal?: AbortSignal;
};

/**
 * Serve a document. The upload uses `XMLHttpRequest`, the one browser API that reports the
 * progress of a request body; like `apiFetch` it sends the session cookie and the CSRF header.
 * The fields go before the file, as the server reads them in order. Resolves to the served
 * document on 201; rejects with an `ApiError` otherwise (an abort rejects with an
 * `AbortError`).
 */
export function uploadDocument(
  caseId: string,
  request: ServeRequest,
  progress: UploadProgress,
): Promise<ListedDocument> {
  const body = new FormData();
  body.append("section", request.section);
  body.append("title", request.title);
  body.append("visibility", request.visibility === "all" ? "all" : request.visibility.join(","));
  body.append("file", request.file, request.file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/cases/${encodeURIComponent(caseId)}/documents`);
    xhr.withCredentials = true;
    xhr.responseType = "text";
    xhr.setRequestHeader("X-Requested-With", "caseroom");
    xhr.setRequestHeader("Accept", "application/json");

    xhr.upload.addEventListener("progress", (event) =>
      progress.onProgress(event.loaded, event.lengthComputable ? event.total : undefined),
    );
    xhr.upload.addEventListener("load", () => progress.onSent());
    xhr.addEventListener("load", () => {
      const parsed = parseJson(xhr);
      if (xhr.status === 201) {
        const document = servedDocument.safeParse(parsed);
        if (document.success) resolve(document.data);
        else reject(invalidResponseError(xhr.status));
        return;
      }
      reject(apiErrorOf(xhr.status, parsed));
    });
    xhr.addEventListener("error", () => reject(networkError()));
    xhr.addEventListener("abort", () => reject(new DOMException("The upload was cancelled", "AbortError")));

    if (progress.signal?.aborted) {
      reject(new DOMException("The upload was cancelled", "AbortError"));
      return;
    }
    progress.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

function parseJson(xhr: XMLHttpRequest): unknown {
  const type = xhr.getResponseHeader("Content-Type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) return null;
  try {
    return JSON.parse(xhr.responseText);
  } catch {
    return null;
  }
}
