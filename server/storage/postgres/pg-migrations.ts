/**
 * Versioned schema migrations for the PostgreSQL store, applied in order at start in one
 * transaction under an advisory lock (see `migrate` in pg-store.ts). Versions 1–7 build the same
 * schema as SQLITE_MIGRATIONS 1–7; never edit a released migration: add a new one.
 *
 * Conventions that keep records identical to the SQLite store's:
 * - instants and dates are TEXT holding the ISO strings the services wrote, JSON is TEXT too;
 * - text that is ordered or compared by range is COLLATE "C": byte order, as SQLite's BINARY,
 *   whatever the database's locale (it also lets `LIKE 'prefix%'` use the index);
 * - the audit seq is assigned by the store (max + 1 under a lock), so it has no sequence and
 *   stays gapless; the collaboration log's seq is an identity.
 */
export const PG_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "records",
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE courts (
        code TEXT PRIMARY KEY, name TEXT COLLATE "C" NOT NULL,
        jurisdiction TEXT NOT NULL CHECK (jurisdiction IN ('magistrates','crown')), area TEXT NOT NULL);
      CREATE TABLE organisations (
        id TEXT PRIMARY KEY, name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('prosecution','defence','court')));
      CREATE TABLE users (
        id TEXT PRIMARY KEY, email TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL,
        organisation_id TEXT NOT NULL REFERENCES organisations(id), courts TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE cases (
        id TEXT PRIMARY KEY, urn TEXT COLLATE "C" NOT NULL UNIQUE, jurisdiction TEXT NOT NULL,
        court_code TEXT NOT NULL REFERENCES courts(code),
        prosecuting_organisation_id TEXT NOT NULL REFERENCES organisations(id),
        status TEXT NOT NULL, sent_on TEXT);
      CREATE INDEX cases_court ON cases(court_code);
      CREATE INDEX cases_prosecutor ON cases(prosecuting_organisation_id);
      CREATE TABLE defendants (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), position INTEGER NOT NULL,
        first_name TEXT NOT NULL, first_name_folded TEXT COLLATE "C" NOT NULL, last_name TEXT NOT NULL,
        last_name_folded TEXT COLLATE "C" NOT NULL,
        date_of_birth TEXT NOT NULL, custody TEXT NOT NULL, custody_time_limit TEXT,
        bail_conditions TEXT, interpreter_language TEXT);
      CREATE INDEX defendants_case ON defendants(case_id, position);
      CREATE INDEX defendants_name_dob ON defendants(last_name_folded, date_of_birth);
      CREATE TABLE offences (
        id TEXT PRIMARY KEY, defendant_id TEXT NOT NULL REFERENCES defendants(id), position INTEGER NOT NULL,
        code TEXT NOT NULL, title TEXT NOT NULL, wording TEXT NOT NULL, legislation TEXT NOT NULL,
        start_date TEXT NOT NULL, mode_of_trial TEXT NOT NULL, plea TEXT NOT NULL);
      CREATE INDEX offences_defendant ON offences(defendant_id, position);
      CREATE TABLE hearings (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id),
        court_code TEXT NOT NULL REFERENCES courts(code), courtroom TEXT, date TEXT COLLATE "C" NOT NULL,
        start_time TEXT COLLATE "C" NOT NULL, type TEXT NOT NULL);
      CREATE INDEX hearings_case ON hearings(case_id, date);
      CREATE INDEX hearings_date ON hearings(date);
      CREATE TABLE associations (
        id TEXT PRIMARY KEY, defendant_id TEXT NOT NULL REFERENCES defendants(id),
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        started_at TEXT NOT NULL, started_by TEXT NOT NULL, ended_at TEXT, ended_by TEXT);
      CREATE UNIQUE INDEX associations_one_open ON associations(defendant_id) WHERE ended_at IS NULL;
      CREATE INDEX associations_org ON associations(organisation_id) WHERE ended_at IS NULL;
      CREATE TABLE documents (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), section TEXT COLLATE "C" NOT NULL,
        title TEXT COLLATE "C" NOT NULL, version INTEGER NOT NULL, pages INTEGER NOT NULL, bytes BIGINT NOT NULL,
        sha256 TEXT NOT NULL, served_at TEXT NOT NULL, deemed_served_on TEXT NOT NULL,
        visibility TEXT NOT NULL, served_by TEXT NOT NULL,
        UNIQUE (case_id, section, title, version));
      CREATE TABLE directions (
        id TEXT COLLATE "C" NOT NULL, version INTEGER NOT NULL, case_id TEXT NOT NULL REFERENCES cases(id),
        template_id TEXT, text TEXT NOT NULL, responsible_party TEXT NOT NULL, due_on TEXT,
        legal_basis TEXT, issued_at TEXT COLLATE "C" NOT NULL, issued_by TEXT NOT NULL, status TEXT NOT NULL,
        PRIMARY KEY (id, version));
      CREATE INDEX directions_case ON directions(case_id);
      CREATE TABLE forms (
        id TEXT COLLATE "C" PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), type TEXT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL, created_by TEXT NOT NULL);
      CREATE INDEX forms_case ON forms(case_id);
      CREATE TABLE sign_offs (
        id TEXT COLLATE "C" PRIMARY KEY, form_id TEXT NOT NULL REFERENCES forms(id), party TEXT NOT NULL,
        user_id TEXT NOT NULL, signed_at TEXT COLLATE "C" NOT NULL, content_sha256 TEXT NOT NULL);
      CREATE INDEX sign_offs_form ON sign_offs(form_id);
      CREATE TABLE audit (
        seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, actor_organisation_id TEXT,
        action TEXT NOT NULL, subject_type TEXT, subject_id TEXT, case_id TEXT,
        detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE INDEX audit_case ON audit(case_id, seq);
      -- The audit trail is append-only: the store refuses to change or remove an entry
      -- (TRUNCATE skips row triggers, so it has its own).
      CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit is append-only'; END $$;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only();
      CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
    `,
  },
  {
    version: 2,
    name: "sessions",
    sql: `
      CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT COLLATE "C" NOT NULL, last_seen_at TEXT COLLATE "C" NOT NULL);
      CREATE INDEX sessions_user ON sessions(user_id);
    `,
  },
  {
    version: 3,
    name: "documents: text, opens, notifications",
    // `folded` is the page text lower-cased and accent-free, character for character (the store
    // folds it, so no 'unaccent' extension is needed): the index and the snippets use it.
    sql: `
      CREATE TABLE document_text (
        document_id TEXT NOT NULL REFERENCES documents(id), page INTEGER NOT NULL,
        text TEXT NOT NULL, folded TEXT NOT NULL,
        tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, folded)) STORED,
        PRIMARY KEY (document_id, page));
      CREATE INDEX document_text_tsv ON document_text USING GIN (tsv);
      CREATE TABLE document_opens (
        document_id TEXT NOT NULL REFERENCES documents(id), organisation_id TEXT NOT NULL,
        first_opened_at TEXT NOT NULL, first_opened_by TEXT NOT NULL,
        PRIMARY KEY (document_id, organisation_id));
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), party TEXT NOT NULL,
        kind TEXT NOT NULL, subject_id TEXT NOT NULL, created_at TEXT COLLATE "C" NOT NULL);
      CREATE INDEX notifications_party ON notifications(party, created_at);
    `,
  },
  {
    version: 4,
    name: "collaboration log and snapshots",
    sql: `
      CREATE TABLE collab_updates (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc_name TEXT NOT NULL, update_data BYTEA NOT NULL,
        user_id TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE INDEX collab_updates_doc ON collab_updates(doc_name, seq);
      CREATE TABLE collab_snapshots (
        doc_name TEXT PRIMARY KEY, state BYTEA NOT NULL, upto_seq BIGINT NOT NULL, created_at TEXT NOT NULL);
    `,
  },
  {
    version: 5,
    name: "form finalisation",
    sql: `
      CREATE TABLE form_finalisations (
        form_id TEXT PRIMARY KEY REFERENCES forms(id), document_id TEXT NOT NULL REFERENCES documents(id),
        content_sha256 TEXT NOT NULL, finalised_at TEXT NOT NULL, finalised_by TEXT NOT NULL);
    `,
  },
  {
    version: 6,
    name: "direction receipts, acknowledgements, compliance; calendar feeds",
    sql: `
      ALTER TABLE directions ADD COLUMN template_values TEXT NOT NULL DEFAULT '{}';
      CREATE TABLE direction_receipts (
        direction_id TEXT NOT NULL, version INTEGER NOT NULL, user_id TEXT NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (direction_id, version, user_id));
      CREATE TABLE direction_acknowledgements (
        direction_id TEXT NOT NULL, version INTEGER NOT NULL, party TEXT NOT NULL, user_id TEXT NOT NULL,
        acknowledged_at TEXT COLLATE "C" NOT NULL, PRIMARY KEY (direction_id, version, party));
      CREATE TABLE direction_compliance (
        direction_id TEXT NOT NULL, version INTEGER NOT NULL, party TEXT NOT NULL, user_id TEXT NOT NULL,
        complied_at TEXT COLLATE "C" NOT NULL, note TEXT NOT NULL, document_id TEXT,
        PRIMARY KEY (direction_id, version, party));
      CREATE TABLE calendar_feeds (
        token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id);
    `,
  },
  {
    version: 7,
    name: "collaboration attribution",
    sql: `
      CREATE TABLE collab_attribution (
        doc_name TEXT NOT NULL, item_key TEXT COLLATE "C" NOT NULL, first_user_id TEXT NOT NULL, first_at TEXT NOT NULL,
        last_user_id TEXT NOT NULL, last_at TEXT NOT NULL, PRIMARY KEY (doc_name, item_key));
    `,
  },
  {
    version: 8,
    name: "blobs",
    // Document bytes in 256 KiB chunks (pg-blob-store.ts). EXTERNAL storage: PDFs are already
    // compressed, and substring() of an uncompressed value reads only the TOAST pages it needs.
    sql: `
      CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, bytes BIGINT NOT NULL);
      CREATE TABLE blob_chunks (
        sha256 TEXT NOT NULL, idx INTEGER NOT NULL, data BYTEA NOT NULL, PRIMARY KEY (sha256, idx));
      ALTER TABLE blob_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
    `,
  },
  {
    version: 9,
    name: "case intake: versions and intake fields",
    // Same columns as SQLITE_MIGRATIONS 8.
    sql: `
      ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE defendants ADD COLUMN is_youth INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE defendants ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE offences ADD COLUMN end_date TEXT;
      ALTER TABLE offences ADD COLUMN indicated_plea TEXT NOT NULL DEFAULT 'no-indication';
      ALTER TABLE offences ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE hearings ADD COLUMN estimated_minutes INTEGER;
      ALTER TABLE hearings ADD COLUMN judiciary TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE hearings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    `,
  },
  {
    version: 10,
    name: "languages: the user's choice, courts' Welsh names",
    // Same columns as SQLITE_MIGRATIONS 9.
    sql: `
      ALTER TABLE users ADD COLUMN language TEXT;
      ALTER TABLE courts ADD COLUMN welsh_name TEXT;
    `,
  },
  {
    version: 11,
    name: "e-mail notices: the durable outbox and each user's choices",
    // Same tables as SQLITE_MIGRATIONS 10.
    sql: `
      CREATE TABLE email_outbox (
        id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL, recipient TEXT NOT NULL,
        kind TEXT NOT NULL, case_id TEXT, subject TEXT NOT NULL, link TEXT NOT NULL, text_body TEXT NOT NULL, html_body TEXT NOT NULL,
        status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL, sent_at TEXT, last_error TEXT);
      CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at);
      CREATE TABLE notice_preferences (
        user_id TEXT NOT NULL, kind TEXT NOT NULL, mode TEXT NOT NULL, PRIMARY KEY (user_id, kind));
    `,
  },
  {
    version: 12,
    name: "organisation defendants",
    // Same change as SQLITE_MIGRATIONS 11: a kind, and no date of birth or custody for an organisation.
    sql: `
      ALTER TABLE defendants ADD COLUMN kind TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person','organisation'));
      ALTER TABLE defendants ALTER COLUMN date_of_birth DROP NOT NULL;
      ALTER TABLE defendants ALTER COLUMN custody DROP NOT NULL;
      ALTER TABLE defendants ADD CONSTRAINT defendants_kind_fields CHECK (
        (kind = 'person' AND date_of_birth IS NOT NULL AND custody IS NOT NULL) OR (kind = 'organisation' AND first_name = '' AND date_of_birth IS NULL AND custody IS NULL AND custody_time_limit IS NULL AND bail_conditions IS NULL AND is_youth = 0));
    `,
  },
];
