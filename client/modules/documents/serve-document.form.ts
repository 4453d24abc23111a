import { hasControlCharacters } from "../../../shared/schemas/common.schema.ts";
import { formatFileSize } from "../../src/file-size.ts";
import { t } from "../../src/i18n.ts";
import type { FieldError } from "../layout/error-summary.component.tsx";
import { MAX_UPLOAD_BYTES } from "./document.api.ts";
import type { ServeRequest } from "./document.upload.ts";

/** Who may see a document, as chosen on the form. */
export type VisibilityChoice = "" | "all" | "some";

/** The "Serve a document" form as filled in. */
export type ServeFields = {
  section: string;
  title: string;
  visibility: VisibilityChoice;
  defendants: string[];
  file: File | undefined;
};

export type ServeField = "section" | "title" | "visibility" | "defendants" | "file";
export type ServeErrors = Partial<Record<ServeField, string>>;

export type ServeCheck = {
  errors: ServeErrors;
  summary: FieldError[];
  request?: ServeRequest;
};

/** Longest title the server accepts. */
export const MAX_TITLE = 200;

/** The ids of the form's inputs: the first of a group of radios or checkboxes has the group's. */
export const SERVE_FIELD_IDS: Readonly<Record<ServeField, string>> = {
  section: "section",
  title: "title",
  visibility: "visibility",
  defendants: "defendants",
  file: "file",
};

const FIELD_ORDER: readonly ServeField[] = ["section", "title", "visibility", "defendants", "file"];

export function emptyServeFields(): ServeFields {
  return { section: "", title: "", visibility: "", defendants: [], file: undefined };
}

/** Whether a chosen file is a PDF by its type, or by its name where the system gives no type. */
export function isPdfFile(file: File): boolean {
  if (file.type === "application/pdf") return true;
  return file.type === "" && /\.pdf$/i.test(file.name);
}

/**
 * Check the form as GOV.UK validation asks, before sending anything; the server checks again
 * (that the file really is a PDF, among others).
 */
export function checkServe(
  fields: ServeFields,
  sections: readonly string[],
  defendantIds: readonly string[],
): ServeCheck {
  const errors: ServeErrors = {};

  if (!sections.includes(fields.section)) errors.section = t("documents.serve.errors.sectionRequired");

  const title = fields.title.trim();
  if (title === "") errors.title = t("documents.serve.errors.titleRequired");
  else if (title.length > MAX_TITLE) {
    errors.title = t("documents.serve.errors.titleTooLong", { max: MAX_TITLE });
  } else if (hasControlCharacters(title)) errors.title = t("documents.serve.errors.titleInvalid");

  const defendants = fields.defendants.filter((id) => defendantIds.includes(id));
  if (fields.visibility === "") {
    errors.visibility = t("documents.serve.errors.visibilityRequired");
  } else if (fields.visibility === "some" && defendants.length === 0) {
    errors.defendants = t("documents.serve.errors.defendantsRequired");
  }

  const file = fields.file;
  const max = formatFileSize(MAX_UPLOAD_BYTES);
  if (!file) errors.file = t("documents.serve.errors.fileRequired");
  else if (!isPdfFile(file)) errors.file = t("documents.serve.errors.fileType");
  else if (file.size === 0) errors.file = t("documents.serve.errors.fileEmpty");
  else if (file.size > MAX_UPLOAD_BYTES) errors.file = t("documents.serve.errors.fileTooLarge", { max });

  const summary: FieldError[] = [];
  for (const field of FIELD_ORDER) {
    const message = errors[field];
    if (message) summary.push({ fieldId: SERVE_FIELD_IDS[field], message });
  }
  if (summary.length > 0 || !file) return { errors, summary };
  return {
    errors,
    summary,
    request: {
      section: fields.section,
      title,
      visibility: fields.visibility === "all" ? "all" : defendants,
      file,
    },
  };
}
