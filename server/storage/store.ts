import type { NoticeKind, NoticeMode, OutboxMessage } from "../../shared/schemas/notification.schema.ts";
import type { Language } from "../../shared/i18n/i18n.ts";
import type { Association } from "../../shared/schemas/association.schema.ts";
import type { AuditEntry } from "../../shared/schemas/audit.schema.ts";
import type { CaseRecord, NewCaseRecord } from "../../shared/schemas/case.schema.ts";
import type { Court } from "../../shared/schemas/court.schema.ts";
import type { Defendant, NewDefendant, NewOffence, Offence } from "../../shared/schemas/defendant.schema.ts";
import type { DirectionRecord } from "../../shared/schemas/direction.schema.ts";
import type { DocumentRecord } from "../../shared/schemas/document.schema.ts";
import type { FormRecord, SignOff } from "../../shared/schemas/form.schema.ts";
import type { Hearing, NewHearing } from "../../shared/schemas/hearing.schema.ts";
import type { Organisation } from "../../shared/schemas/organisation.schema.ts";
import type { User } from "../../shared/schemas/user.schema.ts";
import type { CaseChanges, DefendantChanges, HearingChanges, OffenceChanges } from "./rows.ts";

export type { CaseChanges, DefendantChanges, HearingChanges, OffenceChanges } from "./rows.ts";

/**
 * What a versioned update did: applied (the record as it now is, version one higher), refused
 * because the record has moved on since `expectedVersion` (the record as it is), or no record.
 */
export type VersionedUpdate<T> = { status: "updated"; record: T } | { status: "stale"; current: T } | { status: "missing" };

/** A whole case as it arrives at intake: written in one transaction, positions as given. */
export type CaseTree = {
  record: NewCaseRecord;
  defendants: { defendant: NewDefendant; offences: NewOffence[] }[];
  hearings: NewHearing[];
};

/**
 * The relational store (DESIGN §4, §5). One interface, an embedded implementation (SQLite) and a
 * scale-out one (PostgreSQL); `test/storage/store.contract.ts` runs against each. Every method is
 * async so both can honour it. Records are the zod-schema types from `shared/schemas`.
 */
export interface Store {
  readonly courts: CourtRepository;
  readonly organisations: OrganisationRepository;
  readonly users: UserRepository;
  readonly cases: CaseRepository;
  readonly defendants: DefendantRepository;
  readonly offences: OffenceRepository;
  readonly hearings: HearingRepository;
  readonly associations: AssociationRepository;
  readonly documents: DocumentRepository;
  readonly directions: DirectionRepository;
  readonly forms: FormRepository;
  readonly audit: AuditRepository;
  readonly meta: MetaRepository;
  readonly sessions: SessionRepository;
  readonly notifications: NotificationRepository;
  readonly outbox: OutboxRepository;
  readonly noticePreferences: NoticePreferenceRepository;
  readonly collab: CollabRepository;
  readonly calendarFeeds: CalendarFeedRepository;
  /** Run `work` in one transaction: all its writes commit together or none do. */
  transaction<T>(work: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the store answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Raised by a store when a uniqueness rule is broken (maps to HTTP 409 in services). */
export class StoreConflictError extends Error {
  override name = "StoreConflictError";
  constructor(readonly constraint: string) {
    super(`conflict: ${constraint}`);
  }
}

export interface CourtRepository {
  upsert(court: Court): Promise<void>;
  get(code: string): Promise<Court | undefined>;
  list(): Promise<Court[]>;
}

export interface OrganisationRepository {
  upsert(organisation: Organisation): Promise<void>;
  get(id: string): Promise<Organisation | undefined>;
  /** The organisations of one kind, by name. */
  listByKind(kind: Organisation["kind"]): Promise<Organisation[]>;
}

export interface UserRepository {
  /** Create or update the user (called at each sign-in). */
  upsert(user: User, at: string): Promise<void>;
  get(id: string): Promise<User | undefined>;
  /** The language the user chose last, or null before they ever chose. */
  language(id: string): Promise<Language | null>;
  setLanguage(id: string, language: Language): Promise<void>;
  /** Everyone who has signed in (and so has an address to write to). */
  list(): Promise<User[]>;
}

export interface CaseRepository {
  /** Throws StoreConflictError("case.urn") when the URN is taken. */
  insert(record: NewCaseRecord): Promise<void>;
  /**
   * Insert the case, its defendants (positions 0, 1, … in the given order), their offences (the
   * same) and its hearings in one transaction. Throws StoreConflictError("case.urn") as `insert`.
   */
  insertTree(tree: CaseTree): Promise<void>;
  /** Apply `changes` only if the case is still at `expectedVersion`; the version goes up by one. */
  update(id: string, expectedVersion: number, changes: CaseChanges): Promise<VersionedUpdate<CaseRecord>>;
  get(id: string): Promise<CaseRecord | undefined>;
  getByUrn(urn: string): Promise<CaseRecord | undefined>;
  list(): Promise<CaseRecord[]>;
  count(): Promise<number>;
  /** Ids of the cases in `scope` matching every given filter, soonest next hearing first. */
  search(criteria: CaseSearch): Promise<string[]>;
}

/** Who is searching decides the scope; every other field narrows it. */
export type CaseSearch = {
  scope:
    | { kind: "prosecution"; organisationId: string }
    | { kind: "defence"; organisationId: string }
    | { kind: "court"; courts: readonly string[] };
  urn?: string;
  /** Folded (lower-case, accent-free) surname prefix. */
  surnamePrefix?: string;
  dateOfBirth?: string;
  court?: string;
  hearingFrom?: string;
  hearingTo?: string;
  /** Folded free text: a URN prefix or a defendant's first or last name prefix. */
  text?: string;
  /** Today's date: the next hearing is the first on or after it. */
  today: string;
  limit: number;
}

export interface DefendantRepository {
  /** `position` orders the defendants of a case; when omitted, the next one (not safe under concurrent inserts). */
  insert(defendant: NewDefendant, position?: number): Promise<void>;
  update(id: string, expectedVersion: number, changes: DefendantChanges): Promise<VersionedUpdate<Defendant>>;
  get(id: string): Promise<Defendant | undefined>;
  listByCase(caseId: string): Promise<Defendant[]>;
}

export interface OffenceRepository {
  /** `position` orders the offences of a defendant; when omitted, the next one. */
  insert(offence: NewOffence, position?: number): Promise<void>;
  get(id: string): Promise<Offence | undefined>;
  update(id: string, expectedVersion: number, changes: OffenceChanges): Promise<VersionedUpdate<Offence>>;
  listByDefendant(defendantId: string): Promise<Offence[]>;
}

export interface HearingRepository {
  insert(hearing: NewHearing): Promise<void>;
  get(id: string): Promise<Hearing | undefined>;
  update(id: string, expectedVersion: number, changes: HearingChanges): Promise<VersionedUpdate<Hearing>>;
  listByCase(caseId: string): Promise<Hearing[]>;
}

export interface AssociationRepository {
  /** Throws StoreConflictError("association.open") when the defendant already has an open one. */
  insert(association: Association): Promise<void>;
  get(id: string): Promise<Association | undefined>;
  /** Ends an open association; returns false when it was not open. */
  end(id: string, endedBy: string, endedAt: string): Promise<boolean>;
  openForDefendant(defendantId: string): Promise<Association | undefined>;
  openForCase(caseId: string): Promise<Association[]>;
}

export interface DocumentRepository {
  /** Throws StoreConflictError("document.version") when that title/section/version exists. */
  insert(document: DocumentRecord): Promise<void>;
  get(id: string): Promise<DocumentRecord | undefined>;
  listByCase(caseId: string): Promise<DocumentRecord[]>;
  /** Store the extracted text of each page (index 0 = page 1) for full-text search. */
  indexText(documentId: string, pageTexts: readonly string[]): Promise<void>;
  /** Pages of the given documents matching all the words, best first, with a short snippet. */
  searchText(documentIds: readonly string[], words: readonly string[], limit: number): Promise<TextHit[]>;
  /** Record that an organisation opened a document; only the first time is kept. */
  recordOpen(documentId: string, organisationId: string, userId: string, at: string): Promise<void>;
  /** When the organisation first opened each of the documents it has opened. */
  opensFor(organisationId: string, documentIds: readonly string[]): Promise<Map<string, string>>;
}

export type TextHit = { documentId: string; page: number; snippet: string };

export interface DirectionRepository {
  /** Throws StoreConflictError("direction.version") when that id and version exist. */
  insert(direction: DirectionRecord): Promise<void>;
  /** Every version of every direction of the case, oldest first. */
  listByCase(caseId: string): Promise<DirectionRecord[]>;
  /** Every version of one direction, oldest first. */
  versions(directionId: string): Promise<DirectionRecord[]>;
  /** Record that a user's client received a version (the first time only). */
  addReceipt(receipt: DirectionReceipt): Promise<void>;
  addAcknowledgement(acknowledgement: DirectionAcknowledgement): Promise<boolean>;
  addCompliance(compliance: DirectionCompliance): Promise<boolean>;
  receipts(caseId: string): Promise<DirectionReceipt[]>;
  acknowledgements(caseId: string): Promise<DirectionAcknowledgement[]>;
  compliance(caseId: string): Promise<DirectionCompliance[]>;
}

export type DirectionReceipt = { directionId: string; version: number; userId: string; receivedAt: string };
export type DirectionAcknowledgement = { directionId: string; version: number; party: string; userId: string; acknowledgedAt: string };
export type DirectionCompliance = { directionId: string; version: number; party: string; userId: string; compliedAt: string; note: string; documentId: string | null };

/** Secret calendar feed URLs: only the token's hash is stored; a revoked feed stops answering. */
export interface CalendarFeedRepository {
  create(feed: { tokenHash: string; userId: string; createdAt: string }): Promise<void>;
  get(tokenHash: string): Promise<{ userId: string; revokedAt: string | null } | undefined>;
  revokeAll(userId: string, at: string): Promise<number>;
}

export interface FormRepository {
  insert(form: FormRecord): Promise<void>;
  get(id: string): Promise<FormRecord | undefined>;
  listByCase(caseId: string): Promise<FormRecord[]>;
  addSignOff(signOff: SignOff): Promise<void>;
  listSignOffs(formId: string): Promise<SignOff[]>;
  /** Throws StoreConflictError("form.finalised") when the form is already finalised. */
  finalise(finalisation: FormFinalisation): Promise<void>;
  getFinalisation(formId: string): Promise<FormFinalisation | undefined>;
}

export type FormFinalisation = { formId: string; documentId: string; contentSha256: string; finalisedAt: string; finalisedBy: string };

/** What `append` needs beyond the event: the time, and the hash of the chain so far. */
export type AuditAppend = Omit<AuditEntry, "seq" | "prevHash" | "hash">;

export interface AuditRepository {
  /** Append one entry to the hash chain, atomically with respect to other appends. */
  append(entry: AuditAppend): Promise<AuditEntry>;
  /** Entries in chain order; `afterSeq` pages forward. */
  list(options?: { caseId?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
}

/** A stored notice for a party (the live push happens on the Socket.IO channel). */
export type NotificationRecord = {
  id: string;
  caseId: string;
  /** `prosecution`, `court` or `defence:<organisationId>`. */
  party: string;
  kind: string;
  subjectId: string;
  createdAt: string;
};

export interface NotificationRepository {
  add(notification: NotificationRecord): Promise<void>;
  listForParty(party: string, options?: { caseId?: string; limit?: number }): Promise<NotificationRecord[]>;
}

/** The durable e-mail queue (issue #16). */
export interface OutboxRepository {
  /** Queue messages; one whose idempotency key is already queued is left as it is. Returns how many were new. */
  enqueue(messages: OutboxMessage[]): Promise<number>;
  /**
   * Messages due to be sent, oldest first: pending ones whose next attempt has come, and sends
   * abandoned before `staleBefore` (their sender died between claiming and marking them).
   */
  due(now: string, limit: number, staleBefore: string): Promise<OutboxMessage[]>;
  /**
   * Take a message to send it: pending (or a send abandoned before `staleBefore`) → sending.
   * False when another sender took it first.
   */
  claim(id: string, now: string, staleBefore: string): Promise<boolean>;
  markSent(id: string, at: string): Promise<void>;
  /** A failed attempt: back to pending, to be tried again at `nextAttemptAt`. */
  markFailed(id: string, attempts: number, nextAttemptAt: string, error: string): Promise<void>;
  /** Messages held for digests, by recipient. */
  held(): Promise<OutboxMessage[]>;
  /** The held messages went out in a digest (itself a new message); how many were still held. */
  markDigested(ids: string[], at: string): Promise<number>;
  list(options?: { limit?: number; userId?: string }): Promise<OutboxMessage[]>;
}

export interface NoticePreferenceRepository {
  /** The user's choices; kinds not listed are sent immediately. */
  get(userId: string): Promise<Partial<Record<NoticeKind, NoticeMode>>>;
  set(userId: string, kind: NoticeKind, mode: NoticeMode): Promise<void>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** A server-side session. The cookie holds a random token; only its SHA-256 is stored. */
export type SessionRecord = {
  idHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
};

export interface SessionRepository {
  create(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  /** Returns true when a session was removed. */
  delete(idHash: string): Promise<boolean>;
  deleteForUser(userId: string): Promise<number>;
  /** Remove sessions idle since before `idleBefore` or created before `createdBefore`. */
  deleteExpired(idleBefore: string, createdBefore: string): Promise<number>;
}

/** One update to append to a document's log, attributed to the user whose connection sent it. */
export type CollabAppend = { docName: string; update: Uint8Array; userId: string; at: string };
export type CollabUpdate = { seq: number; update: Uint8Array; userId: string; at: string };

/**
 * The Yjs update log and snapshots (DESIGN §3): updates are appended before anyone sees them;
 * a snapshot replaces the log up to a sequence number.
 */
export interface CollabRepository {
  /** Append a batch in one transaction; returns the seq of each, in order. */
  append(batch: readonly CollabAppend[]): Promise<number[]>;
  load(docName: string): Promise<{ snapshot: Uint8Array | null; updates: CollabUpdate[] }>;
  /**
   * Replace the snapshot with `snapshot(existing)` and drop the log entries `coveredSeqs` (those the
   * new snapshot holds), atomically and one compaction of a doc at a time, so two instances
   * compacting the same doc never lose what only one of them had.
   */
  compact(docName: string, snapshot: (existing: Uint8Array | null) => Uint8Array, coveredSeqs: readonly number[], at: string): Promise<void>;
  /** Record who changed top-level items (a form's fields, an annotation): first and last writer. */
  attribute(rows: readonly { docName: string; key: string; userId: string; at: string }[]): Promise<void>;
  attribution(docName: string): Promise<CollabAttribution[]>;
}

export type CollabAttribution = { key: string; firstUserId: string; firstAt: string; lastUserId: string; lastAt: string };
