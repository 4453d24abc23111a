import type { Language } from "../../../shared/i18n/i18n.ts";
import { isLanguage } from "../../../shared/i18n/language.ts";
import type { NoticeKind, NoticeMode, OutboxMessage } from "../../../shared/schemas/notification.schema.ts";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Association } from "../../../shared/schemas/association.schema.ts";
import type { AuditEntry } from "../../../shared/schemas/audit.schema.ts";
import type { NewCaseRecord } from "../../../shared/schemas/case.schema.ts";
import type { Court } from "../../../shared/schemas/court.schema.ts";
import type { NewDefendant, NewOffence } from "../../../shared/schemas/defendant.schema.ts";
import type { DirectionRecord } from "../../../shared/schemas/direction.schema.ts";
import type { DocumentRecord } from "../../../shared/schemas/document.schema.ts";
import type { FormRecord, SignOff } from "../../../shared/schemas/form.schema.ts";
import type { NewHearing } from "../../../shared/schemas/hearing.schema.ts";
import type { Organisation } from "../../../shared/schemas/organisation.schema.ts";
import type { User } from "../../../shared/schemas/user.schema.ts";
import { foldName } from "../../../shared/schemas/common.schema.ts";
import { GENESIS_HASH, hashAuditEntry } from "../../audit/audit-chain.ts";
import {
  type AssociationRepository,
  type AuditRepository,
  type CollabAppend,
  type CollabRepository,
  type CaseRepository,
  type CaseSearch,
  type CourtRepository,
  type DefendantRepository,
  type CalendarFeedRepository,
  type DirectionAcknowledgement,
  type DirectionCompliance,
  type DirectionReceipt,
  type DirectionRepository,
  type DocumentRepository,
  type FormFinalisation,
  type FormRepository,
  type HearingRepository,
  type MetaRepository,
  type NotificationRecord,
  type NotificationRepository,
  type NoticePreferenceRepository,
  type OutboxRepository,
  type OffenceRepository,
  type OrganisationRepository,
  type CaseChanges,
  type CaseTree,
  type DefendantChanges,
  type HearingChanges,
  type OffenceChanges,
  type SessionRecord,
  type SessionRepository,
  type VersionedUpdate,
  type Store,
  StoreConflictError,
  type UserRepository,
} from "../store.ts";
import { SQLITE_MIGRATIONS } from "./sqlite-migrations.ts";
import { type ColumnValues, caseColumns, defendantColumns, offenceColumns, hearingColumns, type Row, str, strOrNull, toCourt, toUser, toCase, toOrganisation, toDefendant, toOffence, toHearing, toAssociation, toDocument, toDirection, toForm, toSignOff, toAudit, toOutbox, OUTBOX_COLUMNS, outboxValues } from "../rows.ts";

type Db = Database.Database;

/**
 * Open (creating if needed) the SQLite store at `file` (":memory:" for a throwaway one): WAL,
 * foreign keys on, migrations applied. better-sqlite3 is synchronous, so each call runs to the
 * end before another starts; transactions hold a lock so other writers wait for them.
 */
export function openSqliteStore(file: string): Store {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // Only this process writes; another holding the lock (an operator's shell, a stuck tool) makes a
  // write fail after a second (503 store.unavailable) rather than stall every request for long.
  db.pragma("busy_timeout = 1000");
  migrate(db);
  return new SqliteStore(db, new WriteLock(), false);
}

function migrate(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const applied = new Set(
    (db.prepare("SELECT version FROM schema_migrations").all() as { version: number }[]).map((r) => r.version),
  );
  for (const migration of SQLITE_MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    })();
  }
}

/** A FIFO lock: a transaction holds it across awaits, so no other write lands inside it. */
class WriteLock {
  private tail: Promise<void> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

class SqliteStore implements Store {
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
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Db,
    private readonly lock: WriteLock,
    private readonly inTransaction: boolean,
  ) {
    const q = (sql: string) => this.prepare(sql);
    const write = <T>(work: () => T) => this.write(work);
    /** Compare-and-set on the version: the update lands only on the version the writer saw. */
    const versionedUpdate = <T>(
      table: string,
      id: string,
      expectedVersion: number,
      columns: ColumnValues,
      read: (id: string) => T | undefined,
    ): Promise<VersionedUpdate<T>> =>
      write((): VersionedUpdate<T> => {
        const set = [...Object.keys(columns).map((column) => `${column} = @${column}`), "version = version + 1"].join(", ");
        const changed = q(`UPDATE ${table} SET ${set} WHERE id = @id AND version = @expectedVersion`).run({ ...columns, id, expectedVersion }).changes;
        const record = read(id);
        if (record === undefined) return { status: "missing" };
        return changed === 1 ? { status: "updated", record } : { status: "stale", current: record };
      });

    this.courts = {
      upsert: (c: Court) =>
        write(() => {
          q(`INSERT INTO courts (code, name, jurisdiction, area, welsh_name) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction, area = excluded.area,
               welsh_name = excluded.welsh_name`).run(
            c.code,
            c.name,
            c.jurisdiction,
            c.area,
            c.welshName ?? null,
          );
        }),
      get: async (code: string) => mapOptional(q("SELECT * FROM courts WHERE code = ?").get(code), toCourt),
      list: async () => (q("SELECT * FROM courts ORDER BY name").all() as Row[]).map(toCourt),
    };

    this.organisations = {
      upsert: (o: Organisation) =>
        write(() => {
          q(`INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind`).run(o.id, o.name, o.kind);
        }),
      get: async (id: string) => mapOptional(q("SELECT * FROM organisations WHERE id = ?").get(id), toOrganisation),
      listByKind: async (kind) => (q("SELECT * FROM organisations WHERE kind = ? ORDER BY name, id").all(kind) as Row[]).map(toOrganisation),
    };

    this.users = {
      upsert: (u: User, at: string) =>
        write(() => {
          q(`INSERT INTO users (id, email, display_name, role, organisation_id, courts, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
               role = excluded.role, organisation_id = excluded.organisation_id, courts = excluded.courts,
               updated_at = excluded.updated_at`).run(
            u.id,
            u.email,
            u.displayName,
            u.role,
            u.organisationId,
            JSON.stringify(u.courts),
            at,
            at,
          );
        }),
      get: async (id: string) => mapOptional(q("SELECT * FROM users WHERE id = ?").get(id), toUser),
      language: async (id: string) => {
        const row = q("SELECT language FROM users WHERE id = ?").get(id) as Row | undefined;
        return isLanguage(row?.language) ? row.language : null;
      },
      setLanguage: (id: string, language: Language) =>
        write(() => {
          q("UPDATE users SET language = ? WHERE id = ?").run(language, id);
        }),
      list: async () => (q("SELECT * FROM users ORDER BY id").all() as Row[]).map(toUser),
    };

    this.outbox = {
      enqueue: (messages: OutboxMessage[]) =>
        write(() => {
          const insert = q(`INSERT INTO email_outbox (${OUTBOX_COLUMNS}) VALUES (${OUTBOX_COLUMNS.split(",").map(() => "?").join(", ")})
             ON CONFLICT (idempotency_key) DO NOTHING`);
          return messages.reduce((added, m) => added + insert.run(...outboxValues(m)).changes, 0);
        }),
      due: async (now: string, limit: number, staleBefore: string) =>
        (
          q(`SELECT * FROM email_outbox WHERE (status = 'pending' AND next_attempt_at <= ?) OR (status = 'sending' AND next_attempt_at < ?)
             ORDER BY next_attempt_at, created_at LIMIT ?`).all(now, staleBefore, limit) as Row[]
        ).map(toOutbox),
      claim: (id: string, now: string, staleBefore: string) =>
        write(
          () =>
            q(`UPDATE email_outbox SET status = 'sending', next_attempt_at = ?
               WHERE id = ? AND (status = 'pending' OR (status = 'sending' AND next_attempt_at < ?))`).run(now, id, staleBefore).changes === 1,
        ),
      markSent: (id: string, at: string) =>
        write(() => {
          q("UPDATE email_outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?").run(at, id);
        }),
      markFailed: (id: string, attempts: number, nextAttemptAt: string, error: string) =>
        write(() => {
          q("UPDATE email_outbox SET status = 'pending', attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?").run(attempts, nextAttemptAt, error, id);
        }),
      held: async () => (q("SELECT * FROM email_outbox WHERE status = 'held' ORDER BY user_id, created_at").all() as Row[]).map(toOutbox),
      markDigested: (ids: string[], at: string) =>
        write(() => {
          const update = q("UPDATE email_outbox SET status = 'sent', sent_at = ? WHERE id = ? AND status = 'held'");
          return ids.reduce((marked, id) => marked + update.run(at, id).changes, 0);
        }),
      list: async (options = {}) =>
        (options.userId
          ? (q("SELECT * FROM email_outbox WHERE user_id = ? ORDER BY created_at DESC LIMIT ?").all(options.userId, options.limit ?? 100) as Row[])
          : (q("SELECT * FROM email_outbox ORDER BY created_at DESC LIMIT ?").all(options.limit ?? 100) as Row[])
        ).map(toOutbox),
    };

    this.noticePreferences = {
      get: async (userId: string) =>
        Object.fromEntries((q("SELECT kind, mode FROM notice_preferences WHERE user_id = ?").all(userId) as Row[]).map((r) => [str(r.kind), str(r.mode)])),
      set: (userId: string, kind: NoticeKind, mode: NoticeMode) =>
        write(() => {
          q("INSERT INTO notice_preferences (user_id, kind, mode) VALUES (?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode").run(userId, kind, mode);
        }),
    };

    this.cases = {
      insert: (c: NewCaseRecord) =>
        write(() =>
          unique("case.urn", () =>
            q(`INSERT INTO cases (id, urn, jurisdiction, court_code, prosecuting_organisation_id, status, sent_on, version)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
              c.id,
              c.urn,
              c.jurisdiction,
              c.courtCode,
              c.prosecutingOrganisationId,
              c.status,
              c.sentOn,
              c.version ?? 1,
            ),
          ),
        ),
      insertTree: (tree: CaseTree) =>
        this.transaction(async (tx) => {
          await tx.cases.insert(tree.record);
          for (const [position, { defendant, offences }] of tree.defendants.entries()) {
            await tx.defendants.insert(defendant, position);
            for (const [offencePosition, offence] of offences.entries()) await tx.offences.insert(offence, offencePosition);
          }
          for (const hearing of tree.hearings) await tx.hearings.insert(hearing);
        }),
      update: (id: string, expectedVersion: number, changes: CaseChanges) =>
        versionedUpdate("cases", id, expectedVersion, caseColumns(changes), (key) => mapOptional(q("SELECT * FROM cases WHERE id = ?").get(key), toCase)),
      get: async (id: string) => mapOptional(q("SELECT * FROM cases WHERE id = ?").get(id), toCase),
      getByUrn: async (urn: string) => mapOptional(q("SELECT * FROM cases WHERE urn = ?").get(urn), toCase),
      list: async () => (q("SELECT * FROM cases ORDER BY urn").all() as Row[]).map(toCase),
      count: async () => Number((q("SELECT count(*) AS n FROM cases").get() as Row).n),
      search: async (criteria: CaseSearch) => {
        const { sql, params } = caseSearchSql(criteria);
        return (q(sql).all(params) as { id: string }[]).map((r) => r.id);
      },
    };

    this.defendants = {
      insert: (d: NewDefendant, position?: number) =>
        write(() => {
          q(`INSERT INTO defendants (id, case_id, position, first_name, first_name_folded, last_name, last_name_folded,
               date_of_birth, custody, custody_time_limit, bail_conditions, interpreter_language, is_youth, version, kind)
             VALUES (?, ?, COALESCE(?, (SELECT count(*) FROM defendants WHERE case_id = ?)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
            d.id,
            d.caseId,
            position ?? null,
            d.caseId,
            d.firstName,
            foldName(d.firstName),
            d.lastName,
            foldName(d.lastName),
            d.dateOfBirth,
            d.custody,
            d.custodyTimeLimit,
            d.bailConditions,
            d.interpreterLanguage,
            d.isYouth ? 1 : 0,
            d.version ?? 1,
            d.kind ?? "person",
          );
        }),
      update: (id: string, expectedVersion: number, changes: DefendantChanges) =>
        versionedUpdate("defendants", id, expectedVersion, defendantColumns(changes), (key) =>
          mapOptional(q("SELECT * FROM defendants WHERE id = ?").get(key), toDefendant),
        ),
      get: async (id: string) => mapOptional(q("SELECT * FROM defendants WHERE id = ?").get(id), toDefendant),
      listByCase: async (caseId: string) =>
        (q("SELECT * FROM defendants WHERE case_id = ? ORDER BY position").all(caseId) as Row[]).map(toDefendant),
    };

    this.offences = {
      insert: (o: NewOffence, position?: number) =>
        write(() => {
          q(`INSERT INTO offences (id, defendant_id, position, code, title, wording, legislation, start_date, mode_of_trial, plea,
               end_date, indicated_plea, version)
             VALUES (?, ?, COALESCE(?, (SELECT count(*) FROM offences WHERE defendant_id = ?)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
            o.id,
            o.defendantId,
            position ?? null,
            o.defendantId,
            o.code,
            o.title,
            o.wording,
            o.legislation,
            o.startDate,
            o.modeOfTrial,
            o.plea,
            o.endDate ?? null,
            o.indicatedPlea ?? "no-indication",
            o.version ?? 1,
          );
        }),
      get: async (id: string) => mapOptional(q("SELECT * FROM offences WHERE id = ?").get(id), toOffence),
      update: (id: string, expectedVersion: number, changes: OffenceChanges) =>
        versionedUpdate("offences", id, expectedVersion, offenceColumns(changes), (key) =>
          mapOptional(q("SELECT * FROM offences WHERE id = ?").get(key), toOffence),
        ),
      listByDefendant: async (defendantId: string) =>
        (q("SELECT * FROM offences WHERE defendant_id = ? ORDER BY position").all(defendantId) as Row[]).map(toOffence),
    };

    this.hearings = {
      insert: (h: NewHearing) =>
        write(() => {
          q(`INSERT INTO hearings (id, case_id, court_code, courtroom, date, start_time, type, estimated_minutes, judiciary, version)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
            h.id,
            h.caseId,
            h.courtCode,
            h.courtroom,
            h.date,
            h.startTime,
            h.type,
            h.estimatedMinutes ?? null,
            JSON.stringify(h.judiciary ?? []),
            h.version ?? 1,
          );
        }),
      get: async (id: string) => mapOptional(q("SELECT * FROM hearings WHERE id = ?").get(id), toHearing),
      update: (id: string, expectedVersion: number, changes: HearingChanges) =>
        versionedUpdate("hearings", id, expectedVersion, hearingColumns(changes), (key) =>
          mapOptional(q("SELECT * FROM hearings WHERE id = ?").get(key), toHearing),
        ),
      listByCase: async (caseId: string) =>
        (q("SELECT * FROM hearings WHERE case_id = ? ORDER BY date, start_time").all(caseId) as Row[]).map(toHearing),
    };

    this.associations = {
      insert: (a: Association) =>
        write(() =>
          unique("association.open", () =>
            q(`INSERT INTO associations (id, defendant_id, organisation_id, started_at, started_by, ended_at, ended_by)
               VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
              a.id,
              a.defendantId,
              a.organisationId,
              a.startedAt,
              a.startedBy,
              a.endedAt,
              a.endedBy,
            ),
          ),
        ),
      get: async (id: string) => mapOptional(q("SELECT * FROM associations WHERE id = ?").get(id), toAssociation),
      end: (id: string, endedBy: string, endedAt: string) =>
        write(
          () =>
            q("UPDATE associations SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL").run(endedAt, endedBy, id)
              .changes === 1,
        ),
      openForDefendant: async (defendantId: string) =>
        mapOptional(
          q("SELECT * FROM associations WHERE defendant_id = ? AND ended_at IS NULL").get(defendantId),
          toAssociation,
        ),
      openForCase: async (caseId: string) =>
        (
          q(`SELECT a.* FROM associations a JOIN defendants d ON d.id = a.defendant_id
             WHERE d.case_id = ? AND a.ended_at IS NULL ORDER BY d.position`).all(caseId) as Row[]
        ).map(toAssociation),
    };

    this.documents = {
      insert: (d: DocumentRecord) =>
        write(() =>
          unique("document.version", () =>
            q(`INSERT INTO documents (id, case_id, section, title, version, pages, bytes, sha256, served_at,
                 deemed_served_on, visibility, served_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
              d.id,
              d.caseId,
              d.section,
              d.title,
              d.version,
              d.pages,
              d.bytes,
              d.sha256,
              d.servedAt,
              d.deemedServedOn,
              JSON.stringify(d.visibility),
              d.servedBy,
            ),
          ),
        ),
      get: async (id: string) => mapOptional(q("SELECT * FROM documents WHERE id = ?").get(id), toDocument),
      listByCase: async (caseId: string) =>
        (q("SELECT * FROM documents WHERE case_id = ? ORDER BY section, title, version").all(caseId) as Row[]).map(
          toDocument,
        ),
      indexText: (documentId: string, pageTexts: readonly string[]) =>
        write(() => {
          const insert = q("INSERT INTO document_text (text, document_id, page) VALUES (?, ?, ?)");
          for (const [i, text] of pageTexts.entries()) insert.run(text, documentId, i + 1);
        }),
      searchText: async (documentIds: readonly string[], words: readonly string[], limit: number) => {
        if (documentIds.length === 0 || words.length === 0) return [];
        // Each word becomes a quoted FTS5 string (a prefix for the last), so no input is syntax.
        const match = words.map((w, i) => `"${w.replace(/"/g, '""')}"${i === words.length - 1 ? "*" : ""}`).join(" ");
        const rows = q(`SELECT document_id, page, snippet(document_text, 0, '[', ']', '…', 12) AS snippet
          FROM document_text WHERE document_text MATCH ? AND document_id IN (SELECT value FROM json_each(?))
          ORDER BY rank LIMIT ?`).all(match, JSON.stringify(documentIds), limit) as Row[];
        return rows.map((r) => ({ documentId: str(r.document_id), page: Number(r.page), snippet: str(r.snippet) }));
      },
      recordOpen: (documentId: string, organisationId: string, userId: string, at: string) =>
        write(() => {
          q(`INSERT INTO document_opens (document_id, organisation_id, first_opened_at, first_opened_by) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING`).run(documentId, organisationId, at, userId);
        }),
      opensFor: async (organisationId: string, documentIds: readonly string[]) => {
        const rows = q(`SELECT document_id, first_opened_at FROM document_opens
          WHERE organisation_id = ? AND document_id IN (SELECT value FROM json_each(?))`).all(
          organisationId,
          JSON.stringify(documentIds),
        ) as Row[];
        return new Map(rows.map((r) => [str(r.document_id), str(r.first_opened_at)]));
      },
    };

    this.directions = {
      insert: (d: DirectionRecord) =>
        write(() =>
          unique("direction.version", () =>
            q(`INSERT INTO directions (id, version, case_id, template_id, text, responsible_party, due_on, legal_basis,
                 issued_at, issued_by, status, template_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
              d.id,
              d.version,
              d.caseId,
              d.templateId,
              d.text,
              d.responsibleParty,
              d.dueOn,
              d.legalBasis,
              d.issuedAt,
              d.issuedBy,
              d.status,
              JSON.stringify(d.templateValues ?? {}),
            ),
          ),
        ),
      listByCase: async (caseId: string) =>
        (q("SELECT * FROM directions WHERE case_id = ? ORDER BY issued_at, id, version").all(caseId) as Row[]).map(
          toDirection,
        ),
      versions: async (directionId: string) =>
        (q("SELECT * FROM directions WHERE id = ? ORDER BY version").all(directionId) as Row[]).map(toDirection),
      addReceipt: (r: DirectionReceipt) =>
        write(() => {
          q(`INSERT INTO direction_receipts (direction_id, version, user_id, received_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING`).run(r.directionId, r.version, r.userId, r.receivedAt);
        }),
      addAcknowledgement: (a: DirectionAcknowledgement) =>
        write(
          () =>
            q(`INSERT INTO direction_acknowledgements (direction_id, version, party, user_id, acknowledged_at) VALUES (?, ?, ?, ?, ?)
               ON CONFLICT DO NOTHING`).run(a.directionId, a.version, a.party, a.userId, a.acknowledgedAt).changes === 1,
        ),
      addCompliance: (c: DirectionCompliance) =>
        write(
          () =>
            q(`INSERT INTO direction_compliance (direction_id, version, party, user_id, complied_at, note, document_id)
               VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`).run(c.directionId, c.version, c.party, c.userId, c.compliedAt, c.note, c.documentId)
              .changes === 1,
        ),
      receipts: async (caseId: string) =>
        (
          q(`SELECT r.* FROM direction_receipts r WHERE r.direction_id IN (SELECT id FROM directions WHERE case_id = ?)
             ORDER BY r.received_at`).all(caseId) as Row[]
        ).map((r) => ({ directionId: str(r.direction_id), version: Number(r.version), userId: str(r.user_id), receivedAt: str(r.received_at) })),
      acknowledgements: async (caseId: string) =>
        (
          q(`SELECT a.* FROM direction_acknowledgements a WHERE a.direction_id IN (SELECT id FROM directions WHERE case_id = ?)
             ORDER BY a.acknowledged_at`).all(caseId) as Row[]
        ).map((r) => ({ directionId: str(r.direction_id), version: Number(r.version), party: str(r.party), userId: str(r.user_id), acknowledgedAt: str(r.acknowledged_at) })),
      compliance: async (caseId: string) =>
        (
          q(`SELECT c.* FROM direction_compliance c WHERE c.direction_id IN (SELECT id FROM directions WHERE case_id = ?)
             ORDER BY c.complied_at`).all(caseId) as Row[]
        ).map((r) => ({
          directionId: str(r.direction_id),
          version: Number(r.version),
          party: str(r.party),
          userId: str(r.user_id),
          compliedAt: str(r.complied_at),
          note: str(r.note),
          documentId: strOrNull(r.document_id),
        })),
    };

    this.calendarFeeds = {
      create: (f: { tokenHash: string; userId: string; createdAt: string }) =>
        write(() => {
          q("INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES (?, ?, ?)").run(f.tokenHash, f.userId, f.createdAt);
        }),
      get: async (tokenHash: string) =>
        mapOptional(q("SELECT user_id, revoked_at FROM calendar_feeds WHERE token_hash = ?").get(tokenHash), (r) => ({
          userId: str(r.user_id),
          revokedAt: strOrNull(r.revoked_at),
        })),
      revokeAll: (userId: string, at: string) =>
        write(() => q("UPDATE calendar_feeds SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL").run(at, userId).changes),
    };

    this.forms = {
      insert: (f: FormRecord) =>
        write(() => {
          q("INSERT INTO forms (id, case_id, type, created_at, created_by) VALUES (?, ?, ?, ?, ?)").run(
            f.id,
            f.caseId,
            f.type,
            f.createdAt,
            f.createdBy,
          );
        }),
      get: async (id: string) => mapOptional(q("SELECT * FROM forms WHERE id = ?").get(id), toForm),
      listByCase: async (caseId: string) =>
        (q("SELECT * FROM forms WHERE case_id = ? ORDER BY created_at, id").all(caseId) as Row[]).map(toForm),
      addSignOff: (s: SignOff) =>
        write(() => {
          q(`INSERT INTO sign_offs (id, form_id, party, user_id, signed_at, content_sha256) VALUES (?, ?, ?, ?, ?, ?)`).run(
            s.id,
            s.formId,
            s.party,
            s.userId,
            s.signedAt,
            s.contentSha256,
          );
        }),
      listSignOffs: async (formId: string) =>
        (q("SELECT * FROM sign_offs WHERE form_id = ? ORDER BY signed_at, id").all(formId) as Row[]).map(toSignOff),
      finalise: (f: FormFinalisation) =>
        write(() =>
          unique("form.finalised", () =>
            q(`INSERT INTO form_finalisations (form_id, document_id, content_sha256, finalised_at, finalised_by)
               VALUES (?, ?, ?, ?, ?)`).run(f.formId, f.documentId, f.contentSha256, f.finalisedAt, f.finalisedBy),
          ),
        ),
      getFinalisation: async (formId: string) =>
        mapOptional(q("SELECT * FROM form_finalisations WHERE form_id = ?").get(formId), (r) => ({
          formId: str(r.form_id),
          documentId: str(r.document_id),
          contentSha256: str(r.content_sha256),
          finalisedAt: str(r.finalised_at),
          finalisedBy: str(r.finalised_by),
        })),
    };

    this.audit = {
      // Reading the chain head and inserting happen in one synchronous SQLite transaction,
      // so two appends can never share a previous hash.
      append: (entry) =>
        write(() =>
          this.db.transaction((): AuditEntry => {
            const head = q("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").get() as Row | undefined;
            const seq = head ? Number(head.seq) + 1 : 1;
            const prevHash = head ? str(head.hash) : GENESIS_HASH;
            const unhashed = { ...entry, seq, prevHash };
            const full: AuditEntry = { ...unhashed, hash: hashAuditEntry(unhashed) };
            q(`INSERT INTO audit (seq, at, actor_id, actor_organisation_id, action, subject_type, subject_id, case_id,
                 detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
              full.seq,
              full.at,
              full.actorId,
              full.actorOrganisationId,
              full.action,
              full.subjectType,
              full.subjectId,
              full.caseId,
              JSON.stringify(full.detail),
              full.prevHash,
              full.hash,
            );
            return full;
          })(),
        ),
      list: async (options = {}) => {
        const limit = options.limit ?? 1000;
        const after = options.afterSeq ?? 0;
        const rows = options.caseId
          ? q("SELECT * FROM audit WHERE case_id = ? AND seq > ? ORDER BY seq LIMIT ?").all(options.caseId, after, limit)
          : q("SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?").all(after, limit);
        return (rows as Row[]).map(toAudit);
      },
    };

    this.meta = {
      get: async (key: string) => {
        const row = q("SELECT value FROM meta WHERE key = ?").get(key) as Row | undefined;
        return row ? str(row.value) : undefined;
      },
      set: (key: string, value: string) =>
        write(() => {
          q("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
            key,
            value,
          );
        }),
    };

    this.notifications = {
      add: (n: NotificationRecord) =>
        write(() => {
          q("INSERT INTO notifications (id, case_id, party, kind, subject_id, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
            n.id,
            n.caseId,
            n.party,
            n.kind,
            n.subjectId,
            n.createdAt,
          );
        }),
      listForParty: async (party: string, options = {}) => {
        const rows = options.caseId
          ? q("SELECT * FROM notifications WHERE party = ? AND case_id = ? ORDER BY created_at DESC LIMIT ?").all(party, options.caseId, options.limit ?? 100)
          : q("SELECT * FROM notifications WHERE party = ? ORDER BY created_at DESC LIMIT ?").all(party, options.limit ?? 100);
        return (rows as Row[]).map((r) => ({
          id: str(r.id),
          caseId: str(r.case_id),
          party: str(r.party),
          kind: str(r.kind),
          subjectId: str(r.subject_id),
          createdAt: str(r.created_at),
        }));
      },
    };

    this.collab = {
      append: (batch: readonly CollabAppend[]) =>
        write(() =>
          this.inTransaction
            ? batch.map((u) => appendOne(u))
            : this.db.transaction(() => batch.map((u) => appendOne(u)))(),
        ),
      load: async (docName: string) => {
        const snapshot = q("SELECT state FROM collab_snapshots WHERE doc_name = ?").get(docName) as Row | undefined;
        const rows = q("SELECT seq, update_data, user_id, created_at FROM collab_updates WHERE doc_name = ? ORDER BY seq").all(docName) as Row[];
        return {
          snapshot: snapshot ? new Uint8Array(snapshot.state as Buffer) : null,
          // A Buffer is a Uint8Array: no copy of each of what may be many rows.
          updates: rows.map((r) => ({ seq: Number(r.seq), update: r.update_data as Uint8Array, userId: str(r.user_id), at: str(r.created_at) })),
        };
      },
      compact: (docName, snapshot, coveredSeqs, at) =>
        write(() => {
          const run = () => {
            const existing = q("SELECT state FROM collab_snapshots WHERE doc_name = ?").get(docName) as Row | undefined;
            const state = snapshot(existing ? new Uint8Array(existing.state as Buffer) : null);
            q(`INSERT INTO collab_snapshots (doc_name, state, upto_seq, created_at) VALUES (?, ?, 0, ?)
               ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, created_at = excluded.created_at`).run(
              docName,
              Buffer.from(state),
              at,
            );
            if (coveredSeqs.length === 0) return;
            // Usually the covered entries are every entry of the doc in a range: delete the range
            // (an index walk) rather than look up each of what may be thousands of numbers. Exact
            // because every covered entry is present (only this process deletes entries, and it
            // forgets them once deleted), so equal counts mean the range holds nothing else.
            let low = Number.POSITIVE_INFINITY;
            let high = 0;
            for (const seq of coveredSeqs) {
              if (seq < low) low = seq;
              if (seq > high) high = seq;
            }
            const inRange = Number((q("SELECT count(*) AS n FROM collab_updates WHERE doc_name = ? AND seq BETWEEN ? AND ?").get(docName, low, high) as Row).n);
            if (inRange === new Set(coveredSeqs).size) {
              q("DELETE FROM collab_updates WHERE doc_name = ? AND seq BETWEEN ? AND ?").run(docName, low, high);
            } else {
              q("DELETE FROM collab_updates WHERE doc_name = ? AND seq IN (SELECT value FROM json_each(?))").run(docName, JSON.stringify(coveredSeqs));
            }
          };
          if (this.inTransaction) run();
          else this.db.transaction(run)();
        }),
      attribute: (rows) =>
        write(() => {
          const upsert = q(`INSERT INTO collab_attribution (doc_name, item_key, first_user_id, first_at, last_user_id, last_at)
            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (doc_name, item_key) DO UPDATE SET last_user_id = excluded.last_user_id, last_at = excluded.last_at`);
          const run = () => {
            for (const r of rows) upsert.run(r.docName, r.key, r.userId, r.at, r.userId, r.at);
          };
          if (this.inTransaction) run();
          else this.db.transaction(run)();
        }),
      attribution: async (docName: string) =>
        (q("SELECT * FROM collab_attribution WHERE doc_name = ? ORDER BY item_key").all(docName) as Row[]).map((r) => ({
          key: str(r.item_key),
          firstUserId: str(r.first_user_id),
          firstAt: str(r.first_at),
          lastUserId: str(r.last_user_id),
          lastAt: str(r.last_at),
        })),
    };
    const appendOne = (u: CollabAppend) =>
      Number(
        q("INSERT INTO collab_updates (doc_name, update_data, user_id, created_at) VALUES (?, ?, ?, ?)").run(u.docName, Buffer.from(u.update), u.userId, u.at)
          .lastInsertRowid,
      );

    this.sessions = {
      create: (x: SessionRecord) =>
        write(() => {
          q("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)").run(
            x.idHash,
            x.userId,
            x.createdAt,
            x.lastSeenAt,
          );
        }),
      get: async (idHash: string) =>
        mapOptional(q("SELECT * FROM sessions WHERE id_hash = ?").get(idHash), (r) => ({
          idHash: str(r.id_hash),
          userId: str(r.user_id),
          createdAt: str(r.created_at),
          lastSeenAt: str(r.last_seen_at),
        })),
      touch: (idHash: string, at: string) =>
        write(() => {
          q("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").run(at, idHash);
        }),
      delete: (idHash: string) => write(() => q("DELETE FROM sessions WHERE id_hash = ?").run(idHash).changes > 0),
      deleteForUser: (userId: string) => write(() => q("DELETE FROM sessions WHERE user_id = ?").run(userId).changes),
      deleteExpired: (idleBefore: string, createdBefore: string) =>
        write(
          () => q("DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?").run(idleBefore, createdBefore).changes,
        ),
    };
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return this.lock.run(async () => {
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work(new SqliteStore(this.db, this.lock, true));
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      }
    });
  }

  async ping(): Promise<void> {
    this.db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {
      if (this.db.open) this.db.close();
    });
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Outside a transaction, a write waits for any open transaction to finish first. */
  private write<T>(work: () => T): Promise<T> {
    if (this.inTransaction) return Promise.resolve().then(work);
    return this.lock.run(async () => work());
  }
}

/** One parameterised query per shape of search; the shapes are few, so statements are cached. */
function caseSearchSql(criteria: CaseSearch): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  let from = "cases c";
  const params: Record<string, unknown> = { today: criteria.today, limit: criteria.limit };
  const scope = criteria.scope;
  if (scope.kind === "prosecution") {
    where.push("c.prosecuting_organisation_id = @scopeOrg");
    params.scopeOrg = scope.organisationId;
  } else if (scope.kind === "defence") {
    where.push(`EXISTS (SELECT 1 FROM defendants sd JOIN associations sa ON sa.defendant_id = sd.id AND sa.ended_at IS NULL
      WHERE sd.case_id = c.id AND sa.organisation_id = @scopeOrg)`);
    params.scopeOrg = scope.organisationId;
  } else {
    params.scopeCourts = JSON.stringify(scope.courts);
    where.push(`(c.court_code IN (SELECT value FROM json_each(@scopeCourts))
      OR EXISTS (SELECT 1 FROM hearings sh WHERE sh.case_id = c.id AND sh.court_code IN (SELECT value FROM json_each(@scopeCourts))))`);
  }
  if (criteria.urn !== undefined) {
    where.push("c.urn = @urn");
    params.urn = criteria.urn;
  }
  if (criteria.surnamePrefix !== undefined || criteria.dateOfBirth !== undefined) {
    const conditions: string[] = [];
    if (criteria.surnamePrefix !== undefined) {
      // A range on the folded name uses the (last_name_folded, date_of_birth) index.
      conditions.push("d.last_name_folded >= @surname AND d.last_name_folded < @surnameEnd");
      params.surname = criteria.surnamePrefix;
      params.surnameEnd = `${criteria.surnamePrefix}\u{10ffff}`;
    }
    if (criteria.dateOfBirth !== undefined) {
      conditions.push("d.date_of_birth = @dob");
      params.dob = criteria.dateOfBirth;
    }
    // Drive the query from the (last_name_folded, date_of_birth) index: CROSS JOIN fixes the order,
    // so the planner never walks every case of a large organisation first.
    from = `(SELECT DISTINCT d.case_id FROM defendants d WHERE ${conditions.join(" AND ")}) m CROSS JOIN cases c ON c.id = m.case_id`;
  }
  if (criteria.court !== undefined) {
    where.push("c.court_code = @court");
    params.court = criteria.court;
  }
  if (criteria.hearingFrom !== undefined || criteria.hearingTo !== undefined) {
    where.push("EXISTS (SELECT 1 FROM hearings fh WHERE fh.case_id = c.id AND fh.date >= @from AND fh.date <= @to)");
    params.from = criteria.hearingFrom ?? "0000-01-01";
    params.to = criteria.hearingTo ?? "9999-12-31";
  }
  if (criteria.text !== undefined) {
    where.push(`(c.urn LIKE @textUrn ESCAPE '\\' OR EXISTS (SELECT 1 FROM defendants td WHERE td.case_id = c.id
      AND (td.last_name_folded LIKE @textName ESCAPE '\\' OR td.first_name_folded LIKE @textName ESCAPE '\\')))`);
    const escaped = criteria.text.replace(/[\\%_]/g, (m) => `\\${m}`);
    params.textUrn = `${escaped.toUpperCase()}%`;
    params.textName = `${escaped}%`;
  }
  const sql = `SELECT c.id,
      (SELECT min(h.date || 'T' || h.start_time) FROM hearings h WHERE h.case_id = c.id AND h.date >= @today) AS next
    FROM ${from} WHERE ${where.join(" AND ")}
    ORDER BY next IS NULL, next, c.urn LIMIT @limit`;
  return { sql, params };
}

function unique(constraint: string, work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code.startsWith("SQLITE_CONSTRAINT_UNIQUE")) {
      throw new StoreConflictError(constraint);
    }
    if (error instanceof Database.SqliteError && error.code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
      throw new StoreConflictError(constraint);
    }
    throw error;
  }
}

function mapOptional<T>(row: unknown, map: (row: Row) => T): T | undefined {
  return row ? map(row as Row) : undefined;
}

