/**
 * Stable error codes with their HTTP status. The message shown to users is the catalogue entry
 * `errors:<code>` (shared/i18n); clients and tests rely on the codes, never on the wording.
 */
export const ERROR_STATUS = {
  "request.invalid": 400,
  "auth.required": 401,
  "auth.forbidden": 403,
  "auth.saml_invalid": 401,
  "auth.no_access": 403,
  "request.csrf": 403,
  "route.not_found": 404,
  "case.not_found": 404,
  "case.urn_taken": 409,
  "case.not_magistrates": 409,
  "case.court_unknown": 400,
  "import.invalid": 400,
  "notice.unsubscribe_invalid": 400,
  "defendant.not_found": 404,
  "offence.not_found": 404,
  "hearing.not_found": 404,
  "record.stale": 412,
  "request.precondition_required": 428,
  "association.not_found": 404,
  "association.conflict": 409,
  "document.not_found": 404,
  "document.not_pdf": 415,
  "document.too_large": 413,
  "range.not_satisfiable": 416,
  "direction.not_found": 404,
  "direction.template_unknown": 400,
  "direction.no_due_date": 400,
  "presentation.busy": 409,
  "presentation.not_presenter": 403,
  "form.not_found": 404,
  "form.wrong_court": 400,
  "form.finalised": 409,
  "form.not_agreed": 409,
  "form.changed": 409,
  "request.too_large": 413,
  "request.unsupported_type": 415,
  "request.rate_limited": 429,
  "server.error": 500,
  "store.unavailable": 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every API error. */
export type ErrorBody = { error: { code: string; message: string } };
