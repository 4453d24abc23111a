import type { OutboxMessage } from "../../shared/schemas/notification.schema.ts";
import type { Association } from "../../shared/schemas/association.schema.ts";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";
import type { CaseRecord } from "../../shared/schemas/case.schema.ts";
import type { Court } from "../../shared/schemas/court.schema.ts";
import type { Defendant, Offence } from "../../shared/schemas/defendant.schema.ts";
import type { DirectionRecord } from "../../shared/schemas/direction.schema.ts";
import type { DocumentRecord } from "../../shared/schemas/document.schema.ts";
import type { FormRecord, SignOff } from "../../shared/schemas/form.schema.ts";
import type { Hearing } from "../../shared/schemas/hearing.schema.ts";
import type { Organisation } from "../../shared/schemas/organisation.schema.ts";
import type { User } from "../../shared/schemas/user.schema.ts";
import { foldName } from "../../shared/schemas/common.schema.ts";

/**
 * Rows to records, for both stores: the SQLite and PostgreSQL schemas use the same column names
 * and keep dates and times as the same ISO strings, so one set of mappers reads either.
 */
export type Row = Record<string, unknown>;

export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export const toCourt = (r: Row): Court => ({
  code: str(r.code),
  name: str(r.name),
  jurisdiction: str(r.jurisdiction) as Court["jurisdiction"],
  area: str(r.area),
  welshName: strOrNull(r.welsh_name),
});

export const toUser = (r: Row): User => ({
  id: str(r.id),
  email: str(r.email),
  displayName: str(r.display_name),
  role: str(r.role) as User["role"],
  organisationId: str(r.organisation_id),
  courts: JSON.parse(str(r.courts)) as string[],
});

export const toCase = (r: Row): CaseRecord => ({
  id: str(r.id),
  urn: str(r.urn),
  jurisdiction: str(r.jurisdiction) as CaseRecord["jurisdiction"],
  courtCode: str(r.court_code),
  prosecutingOrganisationId: str(r.prosecuting_organisation_id),
  status: str(r.status) as CaseRecord["status"],
  sentOn: strOrNull(r.sent_on),
  version: Number(r.version ?? 1),
});

export const toOrganisation = (r: Row): Organisation => ({
  id: str(r.id),
  name: str(r.name),
  kind: str(r.kind) as Organisation["kind"],
});

export const toDefendant = (r: Row): Defendant => ({
  id: str(r.id),
  caseId: str(r.case_id),
  kind: r.kind === "organisation" ? "organisation" : "person",
  firstName: str(r.first_name),
  lastName: str(r.last_name),
  dateOfBirth: strOrNull(r.date_of_birth),
  custody: strOrNull(r.custody) as Defendant["custody"],
  custodyTimeLimit: strOrNull(r.custody_time_limit),
  bailConditions: strOrNull(r.bail_conditions),
  interpreterLanguage: strOrNull(r.interpreter_language),
  isYouth: Number(r.is_youth ?? 0) === 1,
  version: Number(r.version ?? 1),
});

export const toOffence = (r: Row): Offence => ({
  id: str(r.id),
  defendantId: str(r.defendant_id),
  code: str(r.code),
  title: str(r.title),
  wording: str(r.wording),
  legislation: str(r.legislation),
  startDate: str(r.start_date),
  modeOfTrial: str(r.mode_of_trial) as Offence["modeOfTrial"],
  plea: str(r.plea) as Offence["plea"],
  endDate: strOrNull(r.end_date),
  indicatedPlea: str(r.indicated_plea ?? "no-indication") as Offence["indicatedPlea"],
  version: Number(r.version ?? 1),
});

export const toHearing = (r: Row): Hearing => ({
  id: str(r.id),
  caseId: str(r.case_id),
  courtCode: str(r.court_code),
  courtroom: strOrNull(r.courtroom),
  date: str(r.date),
  startTime: str(r.start_time),
  type: str(r.type) as Hearing["type"],
  estimatedMinutes: r.estimated_minutes === null || r.estimated_minutes === undefined ? null : Number(r.estimated_minutes),
  judiciary: JSON.parse(str(r.judiciary ?? "[]")) as string[],
  version: Number(r.version ?? 1),
});

export const toAssociation = (r: Row): Association => ({
  id: str(r.id),
  defendantId: str(r.defendant_id),
  organisationId: str(r.organisation_id),
  startedAt: str(r.started_at),
  startedBy: str(r.started_by),
  endedAt: strOrNull(r.ended_at),
  endedBy: strOrNull(r.ended_by),
});

export const toDocument = (r: Row): DocumentRecord => ({
  id: str(r.id),
  caseId: str(r.case_id),
  section: str(r.section) as DocumentRecord["section"],
  title: str(r.title),
  version: Number(r.version),
  pages: Number(r.pages),
  bytes: Number(r.bytes),
  sha256: str(r.sha256),
  servedAt: str(r.served_at),
  deemedServedOn: str(r.deemed_served_on),
  visibility: JSON.parse(str(r.visibility)) as DocumentRecord["visibility"],
  servedBy: str(r.served_by),
});

export const toDirection = (r: Row): DirectionRecord => ({
  id: str(r.id),
  caseId: str(r.case_id),
  version: Number(r.version),
  templateId: strOrNull(r.template_id),
  text: str(r.text),
  responsibleParty: str(r.responsible_party),
  dueOn: strOrNull(r.due_on),
  legalBasis: strOrNull(r.legal_basis),
  issuedAt: str(r.issued_at),
  issuedBy: str(r.issued_by),
  status: str(r.status) as DirectionRecord["status"],
  templateValues: JSON.parse(str(r.template_values ?? "{}")) as Record<string, string>,
});

export const toForm = (r: Row): FormRecord => ({
  id: str(r.id),
  caseId: str(r.case_id),
  type: str(r.type) as FormRecord["type"],
  createdAt: str(r.created_at),
  createdBy: str(r.created_by),
});

export const toSignOff = (r: Row): SignOff => ({
  id: str(r.id),
  formId: str(r.form_id),
  party: str(r.party),
  userId: str(r.user_id),
  signedAt: str(r.signed_at),
  contentSha256: str(r.content_sha256),
});

export const toAudit = (r: Row): AuditEntry => ({
  seq: Number(r.seq),
  at: str(r.at),
  actorId: strOrNull(r.actor_id),
  actorOrganisationId: strOrNull(r.actor_organisation_id),
  action: str(r.action),
  subjectType: strOrNull(r.subject_type),
  subjectId: strOrNull(r.subject_id),
  caseId: strOrNull(r.case_id),
  detail: JSON.parse(str(r.detail)) as Record<string, unknown>,
  prevHash: str(r.prev_hash),
  hash: str(r.hash),
});

/** The fields of each record that a versioned update may change, with their columns. */
export type CaseChanges = Partial<Pick<CaseRecord, "jurisdiction" | "courtCode" | "status" | "sentOn">>;
export type DefendantChanges = Partial<
  Pick<Defendant, "kind" | "firstName" | "lastName" | "dateOfBirth" | "custody" | "custodyTimeLimit" | "bailConditions" | "interpreterLanguage" | "isYouth">
>;
export type OffenceChanges = Partial<
  Pick<Offence, "code" | "title" | "wording" | "legislation" | "startDate" | "endDate" | "modeOfTrial" | "indicatedPlea" | "plea">
>;
export type HearingChanges = Partial<Pick<Hearing, "courtCode" | "courtroom" | "date" | "startTime" | "type" | "estimatedMinutes" | "judiciary">>;

/** Column → value for an update, as both stores write them (booleans 0/1, JSON as text). */
export type ColumnValues = Record<string, string | number | null>;

const columnsOf = (changes: Record<string, unknown>, names: Record<string, string>): ColumnValues => {
  const out: ColumnValues = {};
  for (const [field, value] of Object.entries(changes)) {
    const column = names[field];
    if (column === undefined || value === undefined) continue;
    out[column] = typeof value === "boolean" ? (value ? 1 : 0) : Array.isArray(value) ? JSON.stringify(value) : (value as string | number | null);
  }
  return out;
};

export const caseColumns = (c: CaseChanges) =>
  columnsOf(c, { jurisdiction: "jurisdiction", courtCode: "court_code", status: "status", sentOn: "sent_on" });

export const defendantColumns = (d: DefendantChanges): ColumnValues => {
  const out = columnsOf(d, {
    kind: "kind",
    firstName: "first_name",
    lastName: "last_name",
    dateOfBirth: "date_of_birth",
    custody: "custody",
    custodyTimeLimit: "custody_time_limit",
    bailConditions: "bail_conditions",
    interpreterLanguage: "interpreter_language",
    isYouth: "is_youth",
  });
  // The folded names are what search and association match on: they change with the names.
  if (d.firstName !== undefined) out.first_name_folded = foldName(d.firstName);
  if (d.lastName !== undefined) out.last_name_folded = foldName(d.lastName);
  return out;
};

export const offenceColumns = (o: OffenceChanges) =>
  columnsOf(o, {
    code: "code",
    title: "title",
    wording: "wording",
    legislation: "legislation",
    startDate: "start_date",
    endDate: "end_date",
    modeOfTrial: "mode_of_trial",
    indicatedPlea: "indicated_plea",
    plea: "plea",
  });

export const hearingColumns = (h: HearingChanges) =>
  columnsOf(h, {
    courtCode: "court_code",
    courtroom: "courtroom",
    date: "date",
    startTime: "start_time",
    type: "type",
    estimatedMinutes: "estimated_minutes",
    judiciary: "judiciary",
  });

export const toOutbox = (r: Row): OutboxMessage => ({
  id: str(r.id),
  idempotencyKey: str(r.idempotency_key),
  userId: str(r.user_id),
  recipient: str(r.recipient),
  kind: str(r.kind) as OutboxMessage["kind"],
  caseId: strOrNull(r.case_id),
  subject: str(r.subject),
  link: str(r.link),
  textBody: str(r.text_body),
  htmlBody: str(r.html_body),
  status: str(r.status) as OutboxMessage["status"],
  attempts: Number(r.attempts),
  nextAttemptAt: str(r.next_attempt_at),
  createdAt: str(r.created_at),
  sentAt: strOrNull(r.sent_at),
  lastError: strOrNull(r.last_error),
});

/** An outbox message's columns, in the order of OUTBOX_COLUMNS. */
export const OUTBOX_COLUMNS = "id, idempotency_key, user_id, recipient, kind, case_id, subject, link, text_body, html_body, status, attempts, next_attempt_at, created_at, sent_at, last_error";
export const outboxValues = (m: OutboxMessage) => [
  m.id, m.idempotencyKey, m.userId, m.recipient, m.kind, m.caseId, m.subject, m.link, m.textBody, m.htmlBody, m.status, m.attempts, m.nextAttemptAt, m.createdAt, m.sentAt, m.lastError,
];
