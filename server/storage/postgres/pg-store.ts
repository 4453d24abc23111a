import { isLanguage } from "../../../shared/i18n/language.ts";
import pg from "pg";
import type { AuditEntry } from "../../../shared/schemas/audit.schema.ts";
import { foldName, withoutControlCharacters } from "../../../shared/schemas/common.schema.ts";
import { GENESIS_HASH, hashAuditEntry } from "../../audit/audit-chain.ts";
import type { BlobStore } from "../../blobs/blob-store.ts";
import { createPgBlobStore } from "../../blobs/pg-blob-store.ts";
import type {
  AssociationRepository,
  AuditRepository,
  CalendarFeedRepository,
  CaseRepository,
  CaseSearch,
  CollabRepository,
  CourtRepository,
  DefendantRepository,
  DirectionRepository,
  DocumentRepository,
  FormRepository,
  HearingRepository,
  MetaRepository,
  NotificationRepository,
  NoticePreferenceRepository,
  OffenceRepository,
  OutboxRepository,
  OrganisationRepository,
  SessionRepository,
  Store,
  TextHit,
  UserRepository,
  VersionedUpdate,
} from "../store.ts";
import { StoreConflictError } from "../store.ts";
import { PG_MIGRATIONS } from "./pg-migrations.ts";
import { withTransaction } from "./pg-transaction.ts";
import { type ColumnValues, caseColumns, defendantColumns, offenceColumns, hearingColumns, type Row, str, strOrNull, toCourt, toUser, toCase, toOrganisation, toDefendant, toOffence, toHearing, toAssociation, toDocument, toDirection, toForm, toSignOff, toAudit, toOutbox, OUTBOX_COLUMNS, outboxValues } from "../rows.ts";


/** What a query runs on: the pool, or the one client of a transaction. */
interface Queryable {
  query<R extends pg.QueryResultRow = Row>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * Advisory lock keys (two-key form: Caseroom's space, then what is locked). Transaction-scoped
 * locks are released at COMMIT or ROLLBACK, so nothing can leak a held lock.
 */
const LOCK_SPACE = 0x43524d; // "CRM"
const LOCK = { migrations: 1, audit: 2 } as const;
/** A collaboration document locks by the hash of its name, in a space of its own. */
const COLLAB_LOCK_SPACE = 0x43524e;

const UNIQUE_VIOLATION = "23505";

export type PgStoreOptions = { max?: number };

/**
 * Open the PostgreSQL store at `connectionString` (a pool of `max` connections, 10 by default)
 * and bring its schema up to date. Any number of instances may share one database.
 */
export async function openPgStore(connectionString: string, options: PgStoreOptions = {}): Promise<Store> {
  return (await openPostgres(connectionString, options)).store;
}

/**
 * The store and the blob store on one pool. Closing the store ends the pool, so close it last.
 */
export async function openPostgres(
  connectionString: string,
  options: PgStoreOptions = {},
): Promise<{ store: Store; blobs: BlobStore }> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client lost its connection: the pool drops it and the next query opens another.
  pool.on("error", () => undefined);
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { store: new PgStore(pool, pool, false), blobs: createPgBlobStore(pool) };
}

/**
 * Apply the pending migrations in one transaction. The advisory lock makes instances starting
 * together take turns: the second finds everything applied and does nothing.
 */
async function migrate(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (db) => {
    await db.query(`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${LOCK.migrations})`);
    await db.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    const applied = new Set((await db.query("SELECT version FROM schema_migrations")).rows.map((r) => Number(r.version)));
    for (const migration of PG_MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await db.query(migration.sql);
      await db.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
  });
}

class PgStore implements Store {
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
  private isClosed = false;

  /** `db` is the pool, or (when `inTransaction`) the client of the open transaction. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly db: Queryable,
    private readonly inTransaction: boolean,
  ) {
    const all = async (sql: string, ...params: unknown[]) => (await db.query(sql, params)).rows;
    const one = async (sql: string, ...params: unknown[]): Promise<Row | undefined> => (await all(sql, ...params))[0];
    const run = async (sql: string, ...params: unknown[]) => (await db.query(sql, params)).rowCount ?? 0;
    /** Compare-and-set on the version: the update lands only on the version the writer saw. */
    const versionedUpdate = async <T>(
      table: string,
      id: string,
      expectedVersion: number,
      columns: ColumnValues,
      read: (id: string) => Promise<T | undefined>,
    ): Promise<VersionedUpdate<T>> => {
      const names = Object.keys(columns);
      const set = [...names.map((column, i) => `${column} = $${i + 3}`), "version = version + 1"].join(", ");
      const changed = await run(`UPDATE ${table} SET ${set} WHERE id = $1 AND version = $2`, id, expectedVersion, ...Object.values(columns));
      const record = await read(id);
      if (record === undefined) return { status: "missing" };
      return changed === 1 ? { status: "updated", record } : { status: "stale", current: record };
    };

    this.courts = {
      upsert: async (c) => {
        await run(
          `INSERT INTO courts (code, name, jurisdiction, area, welsh_name) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (code) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction, area = excluded.area,
             welsh_name = excluded.welsh_name`,
          c.code,
          c.name,
          c.jurisdiction,
          c.area,
          c.welshName ?? null,
        );
      },
      get: async (code) => mapOptional(await one("SELECT * FROM courts WHERE code = $1", code), toCourt),
      list: async () => (await all("SELECT * FROM courts ORDER BY name")).map(toCourt),
    };

    this.organisations = {
      upsert: async (o) => {
        await run(
          `INSERT INTO organisations (id, name, kind) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind`,
          o.id,
          o.name,
          o.kind,
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM organisations WHERE id = $1", id), toOrganisation),
      listByKind: async (kind) => (await all("SELECT * FROM organisations WHERE kind = $1 ORDER BY name COLLATE \"C\", id", kind)).map(toOrganisation),
    };

    this.users = {
      upsert: async (u, at) => {
        await run(
          `INSERT INTO users (id, email, display_name, role, organisation_id, courts, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
           ON CONFLICT (id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
             role = excluded.role, organisation_id = excluded.organisation_id, courts = excluded.courts,
             updated_at = excluded.updated_at`,
          u.id,
          u.email,
          u.displayName,
          u.role,
          u.organisationId,
          JSON.stringify(u.courts),
          at,
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM users WHERE id = $1", id), toUser),
      language: async (id) => {
        const row = await one("SELECT language FROM users WHERE id = $1", id);
        return isLanguage(row?.language) ? row.language : null;
      },
      setLanguage: async (id, language) => {
        await run("UPDATE users SET language = $1 WHERE id = $2", language, id);
      },
      list: async () => (await all("SELECT * FROM users ORDER BY id")).map(toUser),
    };

    this.outbox = {
      enqueue: async (messages) => {
        let added = 0;
        const placeholders = OUTBOX_COLUMNS.split(",").map((_, i) => `$${i + 1}`).join(", ");
        for (const m of messages) {
          added += await run(`INSERT INTO email_outbox (${OUTBOX_COLUMNS}) VALUES (${placeholders}) ON CONFLICT (idempotency_key) DO NOTHING`, ...outboxValues(m));
        }
        return added;
      },
      due: async (now, limit, staleBefore) =>
        (
          await all(
            `SELECT * FROM email_outbox WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND next_attempt_at < $2)
             ORDER BY next_attempt_at, created_at LIMIT $3`,
            now,
            staleBefore,
            limit,
          )
        ).map(toOutbox),
      claim: async (id, now, staleBefore) =>
        (await run(
          `UPDATE email_outbox SET status = 'sending', next_attempt_at = $1
           WHERE id = $2 AND (status = 'pending' OR (status = 'sending' AND next_attempt_at < $3))`,
          now,
          id,
          staleBefore,
        )) === 1,
      markSent: async (id, at) => {
        await run("UPDATE email_outbox SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = $2", at, id);
      },
      markFailed: async (id, attempts, nextAttemptAt, error) => {
        await run("UPDATE email_outbox SET status = 'pending', attempts = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4", attempts, nextAttemptAt, error, id);
      },
      held: async () => (await all("SELECT * FROM email_outbox WHERE status = 'held' ORDER BY user_id, created_at")).map(toOutbox),
      markDigested: async (ids, at) => {
        let marked = 0;
        for (const id of ids) marked += await run("UPDATE email_outbox SET status = 'sent', sent_at = $1 WHERE id = $2 AND status = 'held'", at, id);
        return marked;
      },
      list: async (options = {}) =>
        (options.userId
          ? await all("SELECT * FROM email_outbox WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2", options.userId, options.limit ?? 100)
          : await all("SELECT * FROM email_outbox ORDER BY created_at DESC LIMIT $1", options.limit ?? 100)
        ).map(toOutbox),
    };

    this.noticePreferences = {
      get: async (userId) => Object.fromEntries((await all("SELECT kind, mode FROM notice_preferences WHERE user_id = $1", userId)).map((r) => [str(r.kind), str(r.mode)])),
      set: async (userId, kind, mode) => {
        await run("INSERT INTO notice_preferences (user_id, kind, mode) VALUES ($1, $2, $3) ON CONFLICT (user_id, kind) DO UPDATE SET mode = excluded.mode", userId, kind, mode);
      },
    };

    this.cases = {
      insert: async (c) => {
        await unique(
          "case.urn",
          run(
            `INSERT INTO cases (id, urn, jurisdiction, court_code, prosecuting_organisation_id, status, sent_on, version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            c.id,
            c.urn,
            c.jurisdiction,
            c.courtCode,
            c.prosecutingOrganisationId,
            c.status,
            c.sentOn,
            c.version ?? 1,
          ),
        );
      },
      insertTree: (tree) =>
        this.transaction(async (tx) => {
          await tx.cases.insert(tree.record);
          for (const [position, { defendant, offences }] of tree.defendants.entries()) {
            await tx.defendants.insert(defendant, position);
            for (const [offencePosition, offence] of offences.entries()) await tx.offences.insert(offence, offencePosition);
          }
          for (const hearing of tree.hearings) await tx.hearings.insert(hearing);
        }),
      update: (id, expectedVersion, changes) =>
        versionedUpdate("cases", id, expectedVersion, caseColumns(changes), async (key) => mapOptional(await one("SELECT * FROM cases WHERE id = $1", key), toCase)),
      get: async (id) => mapOptional(await one("SELECT * FROM cases WHERE id = $1", id), toCase),
      getByUrn: async (urn) => mapOptional(await one("SELECT * FROM cases WHERE urn = $1", urn), toCase),
      list: async () => (await all("SELECT * FROM cases ORDER BY urn")).map(toCase),
      count: async () => Number((await one("SELECT count(*) AS n FROM cases"))?.n),
      search: async (criteria) => {
        const { sql, params } = caseSearchSql(criteria);
        return (await all(sql, ...params)).map((r) => str(r.id));
      },
    };

    this.defendants = {
      insert: async (d, position) => {
        await run(
          `INSERT INTO defendants (id, case_id, position, first_name, first_name_folded, last_name, last_name_folded,
             date_of_birth, custody, custody_time_limit, bail_conditions, interpreter_language, is_youth, version, kind)
           VALUES ($1, $2, COALESCE($14::integer, (SELECT count(*) FROM defendants WHERE case_id = $2)), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $15)`,
          d.id,
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
          position ?? null,
          d.kind ?? "person",
        );
      },
      update: (id, expectedVersion, changes) =>
        versionedUpdate("defendants", id, expectedVersion, defendantColumns(changes), async (key) =>
          mapOptional(await one("SELECT * FROM defendants WHERE id = $1", key), toDefendant),
        ),
      get: async (id) => mapOptional(await one("SELECT * FROM defendants WHERE id = $1", id), toDefendant),
      listByCase: async (caseId) =>
        (await all("SELECT * FROM defendants WHERE case_id = $1 ORDER BY position", caseId)).map(toDefendant),
    };

    this.offences = {
      insert: async (o, position) => {
        await run(
          `INSERT INTO offences (id, defendant_id, position, code, title, wording, legislation, start_date, mode_of_trial, plea,
             end_date, indicated_plea, version)
           VALUES ($1, $2, COALESCE($13::integer, (SELECT count(*) FROM offences WHERE defendant_id = $2)), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          o.id,
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
          position ?? null,
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM offences WHERE id = $1", id), toOffence),
      update: (id, expectedVersion, changes) =>
        versionedUpdate("offences", id, expectedVersion, offenceColumns(changes), async (key) =>
          mapOptional(await one("SELECT * FROM offences WHERE id = $1", key), toOffence),
        ),
      listByDefendant: async (defendantId) =>
        (await all("SELECT * FROM offences WHERE defendant_id = $1 ORDER BY position", defendantId)).map(toOffence),
    };

    this.hearings = {
      insert: async (h) => {
        await run(
          `INSERT INTO hearings (id, case_id, court_code, courtroom, date, start_time, type, estimated_minutes, judiciary, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
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
      },
      get: async (id) => mapOptional(await one("SELECT * FROM hearings WHERE id = $1", id), toHearing),
      update: (id, expectedVersion, changes) =>
        versionedUpdate("hearings", id, expectedVersion, hearingColumns(changes), async (key) =>
          mapOptional(await one("SELECT * FROM hearings WHERE id = $1", key), toHearing),
        ),
      listByCase: async (caseId) =>
        (await all("SELECT * FROM hearings WHERE case_id = $1 ORDER BY date, start_time", caseId)).map(toHearing),
    };

    this.associations = {
      insert: async (a) => {
        await unique(
          "association.open",
          run(
            `INSERT INTO associations (id, defendant_id, organisation_id, started_at, started_by, ended_at, ended_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            a.id,
            a.defendantId,
            a.organisationId,
            a.startedAt,
            a.startedBy,
            a.endedAt,
            a.endedBy,
          ),
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM associations WHERE id = $1", id), toAssociation),
      end: async (id, endedBy, endedAt) =>
        (await run("UPDATE associations SET ended_at = $1, ended_by = $2 WHERE id = $3 AND ended_at IS NULL", endedAt, endedBy, id)) === 1,
      openForDefendant: async (defendantId) =>
        mapOptional(await one("SELECT * FROM associations WHERE defendant_id = $1 AND ended_at IS NULL", defendantId), toAssociation),
      openForCase: async (caseId) =>
        (
          await all(
            `SELECT a.* FROM associations a JOIN defendants d ON d.id = a.defendant_id
             WHERE d.case_id = $1 AND a.ended_at IS NULL ORDER BY d.position`,
            caseId,
          )
        ).map(toAssociation),
    };

    this.documents = {
      insert: async (d) => {
        await unique(
          "document.version",
          run(
            `INSERT INTO documents (id, case_id, section, title, version, pages, bytes, sha256, served_at,
               deemed_served_on, visibility, served_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM documents WHERE id = $1", id), toDocument),
      listByCase: async (caseId) =>
        (await all("SELECT * FROM documents WHERE case_id = $1 ORDER BY section, title, version", caseId)).map(toDocument),
      indexText: async (documentId, pageTexts) => {
        if (pageTexts.length === 0) return;
        const texts = pageTexts.map(storableText);
        // Indexing a page again replaces it.
        await run(
          `INSERT INTO document_text (document_id, page, text, folded)
           SELECT $1, p.page, p.text, p.folded FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS p(text, folded, page)
           ON CONFLICT (document_id, page) DO UPDATE SET text = excluded.text, folded = excluded.folded`,
          documentId,
          texts,
          texts.map(foldForSearch),
        );
      },
      searchText: async (documentIds, words, limit) => {
        const query = textQuery(words);
        if (documentIds.length === 0 || query === null) return [];
        // Rank every match (a longer page needs more hits to rank as high, as in SQLite's bm25),
        // then build snippets only for those kept: ts_headline is the costly part.
        const rows = await all(
          `WITH query AS (SELECT $2::tsquery AS q)
           SELECT hit.document_id, hit.page, hit.text, hit.folded,
             ts_headline('simple'::regconfig, hit.folded, query.q, $4) AS headline
           FROM (SELECT t.document_id, t.page, t.text, t.folded, ts_rank(t.tsv, query.q, 1) AS rank
                 FROM document_text t, query
                 WHERE t.tsv @@ query.q AND t.document_id = ANY($1::text[])
                 ORDER BY rank DESC, t.document_id, t.page LIMIT $3) hit, query
           ORDER BY hit.rank DESC, hit.document_id, hit.page`,
          documentIds,
          query,
          limit,
          HEADLINE_OPTIONS,
        );
        return rows.map(
          (r): TextHit => ({
            documentId: str(r.document_id),
            page: Number(r.page),
            snippet: snippet(str(r.headline), str(r.text), str(r.folded)),
          }),
        );
      },
      recordOpen: async (documentId, organisationId, userId, at) => {
        await run(
          `INSERT INTO document_opens (document_id, organisation_id, first_opened_at, first_opened_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          documentId,
          organisationId,
          at,
          userId,
        );
      },
      opensFor: async (organisationId, documentIds) => {
        const rows = await all(
          "SELECT document_id, first_opened_at FROM document_opens WHERE organisation_id = $1 AND document_id = ANY($2::text[])",
          organisationId,
          documentIds,
        );
        return new Map(rows.map((r) => [str(r.document_id), str(r.first_opened_at)]));
      },
    };

    this.directions = {
      insert: async (d) => {
        await unique(
          "direction.version",
          run(
            `INSERT INTO directions (id, version, case_id, template_id, text, responsible_party, due_on, legal_basis,
               issued_at, issued_by, status, template_values) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
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
        );
      },
      listByCase: async (caseId) =>
        (await all("SELECT * FROM directions WHERE case_id = $1 ORDER BY issued_at, id, version", caseId)).map(toDirection),
      versions: async (directionId) =>
        (await all("SELECT * FROM directions WHERE id = $1 ORDER BY version", directionId)).map(toDirection),
      addReceipt: async (r) => {
        await run(
          `INSERT INTO direction_receipts (direction_id, version, user_id, received_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          r.directionId,
          r.version,
          r.userId,
          r.receivedAt,
        );
      },
      addAcknowledgement: async (a) =>
        (await run(
          `INSERT INTO direction_acknowledgements (direction_id, version, party, user_id, acknowledged_at)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          a.directionId,
          a.version,
          a.party,
          a.userId,
          a.acknowledgedAt,
        )) === 1,
      addCompliance: async (c) =>
        (await run(
          `INSERT INTO direction_compliance (direction_id, version, party, user_id, complied_at, note, document_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          c.directionId,
          c.version,
          c.party,
          c.userId,
          c.compliedAt,
          c.note,
          c.documentId,
        )) === 1,
      receipts: async (caseId) =>
        (
          await all(
            `SELECT r.* FROM direction_receipts r WHERE r.direction_id IN (SELECT id FROM directions WHERE case_id = $1)
             ORDER BY r.received_at`,
            caseId,
          )
        ).map((r) => ({ directionId: str(r.direction_id), version: Number(r.version), userId: str(r.user_id), receivedAt: str(r.received_at) })),
      acknowledgements: async (caseId) =>
        (
          await all(
            `SELECT a.* FROM direction_acknowledgements a WHERE a.direction_id IN (SELECT id FROM directions WHERE case_id = $1)
             ORDER BY a.acknowledged_at`,
            caseId,
          )
        ).map((r) => ({
          directionId: str(r.direction_id),
          version: Number(r.version),
          party: str(r.party),
          userId: str(r.user_id),
          acknowledgedAt: str(r.acknowledged_at),
        })),
      compliance: async (caseId) =>
        (
          await all(
            `SELECT c.* FROM direction_compliance c WHERE c.direction_id IN (SELECT id FROM directions WHERE case_id = $1)
             ORDER BY c.complied_at`,
            caseId,
          )
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
      create: async (f) => {
        await run("INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES ($1, $2, $3)", f.tokenHash, f.userId, f.createdAt);
      },
      get: async (tokenHash) =>
        mapOptional(await one("SELECT user_id, revoked_at FROM calendar_feeds WHERE token_hash = $1", tokenHash), (r) => ({
          userId: str(r.user_id),
          revokedAt: strOrNull(r.revoked_at),
        })),
      revokeAll: (userId, at) => run("UPDATE calendar_feeds SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", at, userId),
    };

    this.forms = {
      insert: async (f) => {
        await run(
          "INSERT INTO forms (id, case_id, type, created_at, created_by) VALUES ($1, $2, $3, $4, $5)",
          f.id,
          f.caseId,
          f.type,
          f.createdAt,
          f.createdBy,
        );
      },
      get: async (id) => mapOptional(await one("SELECT * FROM forms WHERE id = $1", id), toForm),
      listByCase: async (caseId) => (await all("SELECT * FROM forms WHERE case_id = $1 ORDER BY created_at, id", caseId)).map(toForm),
      addSignOff: async (s) => {
        await run(
          "INSERT INTO sign_offs (id, form_id, party, user_id, signed_at, content_sha256) VALUES ($1, $2, $3, $4, $5, $6)",
          s.id,
          s.formId,
          s.party,
          s.userId,
          s.signedAt,
          s.contentSha256,
        );
      },
      listSignOffs: async (formId) =>
        (await all("SELECT * FROM sign_offs WHERE form_id = $1 ORDER BY signed_at, id", formId)).map(toSignOff),
      finalise: async (f) => {
        await unique(
          "form.finalised",
          run(
            `INSERT INTO form_finalisations (form_id, document_id, content_sha256, finalised_at, finalised_by)
             VALUES ($1, $2, $3, $4, $5)`,
            f.formId,
            f.documentId,
            f.contentSha256,
            f.finalisedAt,
            f.finalisedBy,
          ),
        );
      },
      getFinalisation: async (formId) =>
        mapOptional(await one("SELECT * FROM form_finalisations WHERE form_id = $1", formId), (r) => ({
          formId: str(r.form_id),
          documentId: str(r.document_id),
          contentSha256: str(r.content_sha256),
          finalisedAt: str(r.finalised_at),
          finalisedBy: str(r.finalised_by),
        })),
    };

    this.audit = {
      // One chain across every instance: the lock makes appends take turns, each reading the head
      // only once the previous append has committed, and holds until this transaction ends.
      append: (entry) =>
        this.atomically(async (tx) => {
          await tx.query(`SELECT pg_advisory_xact_lock(${LOCK_SPACE}, ${LOCK.audit})`);
          const head = (await tx.query("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")).rows[0];
          const seq = head ? Number(head.seq) + 1 : 1;
          const prevHash = head ? str(head.hash) : GENESIS_HASH;
          const unhashed = { ...entry, seq, prevHash };
          const full: AuditEntry = { ...unhashed, hash: hashAuditEntry(unhashed) };
          await tx.query(
            `INSERT INTO audit (seq, at, actor_id, actor_organisation_id, action, subject_type, subject_id, case_id,
               detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
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
            ],
          );
          return full;
        }),
      list: async (options = {}) => {
        const limit = options.limit ?? 1000;
        const after = options.afterSeq ?? 0;
        const rows = options.caseId
          ? await all("SELECT * FROM audit WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3", options.caseId, after, limit)
          : await all("SELECT * FROM audit WHERE seq > $1 ORDER BY seq LIMIT $2", after, limit);
        return rows.map(toAudit);
      },
    };

    this.meta = {
      get: async (key) => {
        const row = await one("SELECT value FROM meta WHERE key = $1", key);
        return row ? str(row.value) : undefined;
      },
      set: async (key, value) => {
        await run("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
      },
    };

    this.notifications = {
      add: async (n) => {
        await run(
          "INSERT INTO notifications (id, case_id, party, kind, subject_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
          n.id,
          n.caseId,
          n.party,
          n.kind,
          n.subjectId,
          n.createdAt,
        );
      },
      listForParty: async (party, options = {}) => {
        const limit = options.limit ?? 100;
        const rows = options.caseId
          ? await all("SELECT * FROM notifications WHERE party = $1 AND case_id = $2 ORDER BY created_at DESC LIMIT $3", party, options.caseId, limit)
          : await all("SELECT * FROM notifications WHERE party = $1 ORDER BY created_at DESC LIMIT $2", party, limit);
        return rows.map((r) => ({
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
      // One statement, so the batch is stored whole or not at all.
      append: async (batch) => {
        if (batch.length === 0) return [];
        const rows = await all(
          `INSERT INTO collab_updates (doc_name, update_data, user_id, created_at)
           SELECT u.doc_name, u.update_data, u.user_id, u.created_at
           FROM unnest($1::text[], $2::bytea[], $3::text[], $4::text[]) WITH ORDINALITY AS u(doc_name, update_data, user_id, created_at, n)
           ORDER BY u.n
           RETURNING seq`,
          batch.map((u) => u.docName),
          batch.map((u) => Buffer.from(u.update)),
          batch.map((u) => u.userId),
          batch.map((u) => u.at),
        );
        // Seqs are drawn row by row in batch order, so ascending seqs are the batch's order.
        return rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
      },
      // One statement, so the snapshot and the log are read at the same instant even while
      // another instance compacts (which replaces one and shortens the other).
      load: async (docName) => {
        const rows = await all(
          `SELECT 0::bigint AS seq, state AS data, NULL AS user_id, NULL AS created_at, true AS is_snapshot
           FROM collab_snapshots WHERE doc_name = $1
           UNION ALL
           SELECT seq, update_data, user_id, created_at, false FROM collab_updates WHERE doc_name = $1
           ORDER BY seq`,
          docName,
        );
        const snapshot = rows.find((r) => r.is_snapshot === true);
        return {
          snapshot: snapshot ? new Uint8Array(snapshot.data as Buffer) : null,
          updates: rows
            .filter((r) => r.is_snapshot !== true)
            .map((r) => ({ seq: Number(r.seq), update: new Uint8Array(r.data as Buffer), userId: str(r.user_id), at: str(r.created_at) })),
        };
      },
      // The document's lock makes compactions of it take turns, even before it has a snapshot
      // row to lock: each builds on the snapshot the previous one committed.
      compact: (docName, snapshot, coveredSeqs, at) =>
        this.atomically(async (tx) => {
          await tx.query(`SELECT pg_advisory_xact_lock(${COLLAB_LOCK_SPACE}, hashtext($1))`, [docName]);
          const existing = (await tx.query("SELECT state FROM collab_snapshots WHERE doc_name = $1", [docName])).rows[0];
          const state = snapshot(existing ? new Uint8Array(existing.state as Buffer) : null);
          await tx.query(
            `INSERT INTO collab_snapshots (doc_name, state, upto_seq, created_at) VALUES ($1, $2, 0, $3)
             ON CONFLICT (doc_name) DO UPDATE SET state = excluded.state, created_at = excluded.created_at`,
            [docName, Buffer.from(state), at],
          );
          await tx.query("DELETE FROM collab_updates WHERE doc_name = $1 AND seq = ANY($2::bigint[])", [docName, coveredSeqs]);
        }),
      attribute: async (rows) => {
        const items = firstAndLastWriters(rows);
        if (items.length === 0) return;
        await run(
          `INSERT INTO collab_attribution (doc_name, item_key, first_user_id, first_at, last_user_id, last_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
           ON CONFLICT (doc_name, item_key) DO UPDATE SET last_user_id = excluded.last_user_id, last_at = excluded.last_at`,
          items.map((i) => i.docName),
          items.map((i) => i.key),
          items.map((i) => i.first.userId),
          items.map((i) => i.first.at),
          items.map((i) => i.last.userId),
          items.map((i) => i.last.at),
        );
      },
      attribution: async (docName) =>
        (await all("SELECT * FROM collab_attribution WHERE doc_name = $1 ORDER BY item_key", docName)).map((r) => ({
          key: str(r.item_key),
          firstUserId: str(r.first_user_id),
          firstAt: str(r.first_at),
          lastUserId: str(r.last_user_id),
          lastAt: str(r.last_at),
        })),
    };

    this.sessions = {
      create: async (x) => {
        await run("INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)", x.idHash, x.userId, x.createdAt, x.lastSeenAt);
      },
      get: async (idHash) =>
        mapOptional(await one("SELECT * FROM sessions WHERE id_hash = $1", idHash), (r) => ({
          idHash: str(r.id_hash),
          userId: str(r.user_id),
          createdAt: str(r.created_at),
          lastSeenAt: str(r.last_seen_at),
        })),
      touch: async (idHash, at) => {
        await run("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2", at, idHash);
      },
      delete: async (idHash) => (await run("DELETE FROM sessions WHERE id_hash = $1", idHash)) > 0,
      deleteForUser: (userId) => run("DELETE FROM sessions WHERE user_id = $1", userId),
      deleteExpired: (idleBefore, createdBefore) =>
        run("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2", idleBefore, createdBefore),
    };
  }

  async transaction<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    return withTransaction(this.pool, (client) => work(new PgStore(this.pool, client, true)));
  }

  async ping(): Promise<void> {
    await this.db.query("SELECT 1");
  }

  async close(): Promise<void> {
    if (this.inTransaction) throw new Error("close the store, not a transaction");
    if (this.isClosed) return;
    this.isClosed = true;
    await this.pool.end();
  }

  /** Several statements as one: in the open transaction, or in one of their own. */
  private atomically<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.inTransaction ? work(this.db) : withTransaction(this.pool, work);
  }
}

/** A batch may name an item twice; the upsert takes each item once, as if applied in order. */
function firstAndLastWriters(rows: readonly { docName: string; key: string; userId: string; at: string }[]) {
  const items = new Map<string, { docName: string; key: string; first: { userId: string; at: string }; last: { userId: string; at: string } }>();
  for (const r of rows) {
    const id = JSON.stringify([r.docName, r.key]);
    const writer = { userId: r.userId, at: r.at };
    const item = items.get(id);
    if (item) item.last = writer;
    else items.set(id, { docName: r.docName, key: r.key, first: writer, last: writer });
  }
  return [...items.values()];
}

/** Same semantics as the SQLite store's `caseSearchSql`, with positional parameters. */
function caseSearchSql(criteria: CaseSearch): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  let from = "cases c";
  const scope = criteria.scope;
  if (scope.kind === "prosecution") {
    where.push(`c.prosecuting_organisation_id = ${param(scope.organisationId)}`);
  } else if (scope.kind === "defence") {
    where.push(`EXISTS (SELECT 1 FROM defendants sd JOIN associations sa ON sa.defendant_id = sd.id AND sa.ended_at IS NULL
      WHERE sd.case_id = c.id AND sa.organisation_id = ${param(scope.organisationId)})`);
  } else {
    const courts = param(scope.courts);
    where.push(`(c.court_code = ANY(${courts}::text[])
      OR EXISTS (SELECT 1 FROM hearings sh WHERE sh.case_id = c.id AND sh.court_code = ANY(${courts}::text[])))`);
  }
  if (criteria.urn !== undefined) where.push(`c.urn = ${param(criteria.urn)}`);
  if (criteria.surnamePrefix !== undefined || criteria.dateOfBirth !== undefined) {
    const conditions: string[] = [];
    if (criteria.surnamePrefix !== undefined) {
      // A range on the (C-collated) folded name uses the (last_name_folded, date_of_birth) index.
      conditions.push(
        `d.last_name_folded >= ${param(criteria.surnamePrefix)} AND d.last_name_folded < ${param(`${criteria.surnamePrefix}\u{10ffff}`)}`,
      );
    }
    if (criteria.dateOfBirth !== undefined) conditions.push(`d.date_of_birth = ${param(criteria.dateOfBirth)}`);
    from = `(SELECT DISTINCT d.case_id FROM defendants d WHERE ${conditions.join(" AND ")}) m JOIN cases c ON c.id = m.case_id`;
  }
  if (criteria.court !== undefined) where.push(`c.court_code = ${param(criteria.court)}`);
  if (criteria.hearingFrom !== undefined || criteria.hearingTo !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM hearings fh WHERE fh.case_id = c.id
      AND fh.date >= ${param(criteria.hearingFrom ?? "0000-01-01")} AND fh.date <= ${param(criteria.hearingTo ?? "9999-12-31")})`);
  }
  if (criteria.text !== undefined) {
    const escaped = criteria.text.replace(/[\\%_]/g, (m) => `\\${m}`);
    const name = param(`${escaped}%`);
    where.push(`(c.urn LIKE ${param(`${escaped.toUpperCase()}%`)} ESCAPE '\\' OR EXISTS (SELECT 1 FROM defendants td
      WHERE td.case_id = c.id AND (td.last_name_folded LIKE ${name} ESCAPE '\\' OR td.first_name_folded LIKE ${name} ESCAPE '\\')))`);
  }
  const sql = `SELECT c.id,
      (SELECT min(h.date || 'T' || h.start_time) FROM hearings h WHERE h.case_id = c.id AND h.date >= ${param(criteria.today)}) AS next_hearing
    FROM ${from} WHERE ${where.join(" AND ")}
    ORDER BY next_hearing NULLS LAST, c.urn LIMIT ${param(criteria.limit)}`;
  return { sql, params };
}

/** Unique violations (SQLSTATE 23505) become the conflict the interface names. */
async function unique<T>(constraint: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION) throw new StoreConflictError(constraint);
    throw error;
  }
}

/* Full-text search. */

/** Markers ts_headline puts around matches: private-use characters, which folded text never holds. */
const MATCH_START = "\uE000";
const MATCH_STOP = "\uE001";
/** One stretch around the best match, about as long as the SQLite store's snippets (12 tokens). */
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_STOP}, MaxFragments=1, MaxWords=12, MinWords=3, ShortWord=0`;
/** PostgreSQL does not index longer words, and refuses them in a query. */
const MAX_LEXEME_BYTES = 2047;

/** NFC makes each accented letter one character, to fold; control characters (NUL too) become spaces. */
function storableText(text: string): string {
  return withoutControlCharacters(text.normalize("NFC"));
}

/**
 * The text lower-cased and accent-free, with everything but letters and digits turned to spaces,
 * one UTF-16 unit for one: an offset in it is an offset in the original. Indexed with the
 * 'simple' configuration, its words are runs of letters and digits, as SQLite's unicode61 makes.
 */
function foldForSearch(text: string): string {
  let folded = "";
  for (const char of text) {
    if (char.length === 1 && char < "\u0080") {
      folded += /[A-Za-z0-9]/.test(char) ? char.toLowerCase() : " ";
    } else if (/^[\p{L}\p{Nd}]$/u.test(char)) {
      const bare = char.normalize("NFKD").replace(/\p{Diacritic}/gu, "").toLowerCase();
      const lower = char.toLowerCase();
      folded += bare.length === char.length && /^[\p{L}\p{Nd}]+$/u.test(bare) ? bare : lower.length === char.length ? lower : char;
    } else {
      folded += " ".repeat(char.length);
    }
  }
  return folded;
}

/**
 * The words as a tsquery built only of quoted lexemes, so no input is query syntax: each word's
 * parts in sequence, every word required, the last a prefix. Null when nothing is searchable.
 */
function textQuery(words: readonly string[]): string | null {
  const terms = words
    .map((word) => foldForSearch(word).split(" ").filter((part) => part !== "" && Buffer.byteLength(part) <= MAX_LEXEME_BYTES))
    .filter((parts) => parts.length > 0);
  if (terms.length === 0) return null;
  // Parts are letters and digits only, so a quoted lexeme needs no escaping.
  return terms
    .map((parts, i) => parts.map((part, j) => `'${part}'${i === terms.length - 1 && j === parts.length - 1 ? ":*" : ""}`).join(" <-> "))
    .join(" & ");
}

/**
 * The headline was cut from the folded text, token to token; show the same stretch of the
 * original, widened to whole words ("<b>Tagged", "Núñez."), matches in [brackets], with "…"
 * where the page goes on (as the SQLite store's snippet).
 */
function snippet(headline: string, text: string, folded: string): string {
  const plain = headline.replaceAll(MATCH_START, "").replaceAll(MATCH_STOP, "");
  const at = folded.indexOf(plain);
  let shown = headline;
  if (at >= 0) {
    let from = at;
    while (from > 0 && !/\s/.test(text.charAt(from - 1))) from--;
    let to = at + plain.length;
    while (to < text.length && !/\s/.test(text.charAt(to))) to++;
    shown = text.slice(from, at);
    let i = at;
    for (const char of headline) {
      if (char === MATCH_START || char === MATCH_STOP) shown += char;
      else {
        shown += text.slice(i, i + char.length);
        i += char.length;
      }
    }
    shown += text.slice(i, to);
    if (folded.slice(0, from).trim() !== "") shown = `…${shown}`;
    if (folded.slice(to).trim() !== "") shown = `${shown}…`;
  }
  return (
    shown
      // Parts of one word ("O'Brien", "x-ray") read as one match, as SQLite marks a phrase.
      .replace(/\uE001([^\s\uE000\uE001]+)\uE000/gu, "$1")
      .replaceAll(MATCH_START, "[")
      .replaceAll(MATCH_STOP, "]")
  );
}

/* Rows to records. */

function mapOptional<T>(row: Row | undefined, map: (row: Row) => T): T | undefined {
  return row ? map(row) : undefined;
}

