import { engineMigrations, EXPIRY_INDEXES_SQL, type Migration } from '../../database/migrations/migration.ts';

/**
 * The PostgreSQL twin of sqlite-migrations.ts: the same tables, version for version. Times are
 * timestamptz, JSON is `json` (keeps the text as written, key order included), the insertion order
 * SQLite keeps in rowid is an identity column. Numbers and names are MIGRATION_STEPS (migration.ts); never edit
 * an applied one.
 */
export const POSTGRES_MIGRATIONS: Migration[] = engineMigrations({
  1: `
CREATE TABLE sessions (
  user_key text PRIMARY KEY,
  activity json,
  updated_at timestamptz NOT NULL
);
CREATE TABLE deliveries (
  key text PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
CREATE TABLE user_bindings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_key text NOT NULL,
  role text NOT NULL CHECK (role IN ('farmer', 'reporter', 'admin')),
  unit text,
  display_name text,
  via text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX user_bindings_user ON user_bindings (user_key, id);
CREATE TABLE invites (
  code text PRIMARY KEY,
  role text NOT NULL CHECK (role IN ('reporter', 'admin')),
  unit text NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  redeemed_by text,
  redeemed_at timestamptz
);
CREATE TABLE display_names (
  user_key text PRIMARY KEY,
  name text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE record_versions (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  record_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  form_id text NOT NULL,
  unit text NOT NULL,
  period text,
  data json NOT NULL,
  verdicts json NOT NULL,
  confirmed_warnings json NOT NULL,
  author_key text NOT NULL,
  author_channel text NOT NULL,
  author_name text,
  submission_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE INDEX record_versions_form ON record_versions (form_id, unit, period);
CREATE FUNCTION record_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'record_versions is append-only'; END $$;
CREATE TRIGGER record_versions_no_change BEFORE UPDATE OR DELETE ON record_versions
  FOR EACH ROW EXECUTE FUNCTION record_versions_append_only();
CREATE TRIGGER record_versions_no_truncate BEFORE TRUNCATE ON record_versions
  FOR EACH STATEMENT EXECUTE FUNCTION record_versions_append_only();
CREATE TABLE reminders_sent (
  form_id text NOT NULL,
  period text NOT NULL,
  reminder_window text NOT NULL,
  user_key text NOT NULL,
  unit text NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (form_id, period, reminder_window, user_key)
);
CREATE TABLE reminder_opt_outs (
  user_key text PRIMARY KEY,
  opted_out boolean NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
  2: EXPIRY_INDEXES_SQL,
  3: `
CREATE TABLE asked_questions (
  id text PRIMARY KEY,
  asked_at timestamptz NOT NULL,
  channel text NOT NULL,
  unit text,
  question text NOT NULL,
  status text NOT NULL,
  sources json NOT NULL
);
CREATE INDEX asked_questions_status_time ON asked_questions (status, asked_at);
CREATE TABLE answer_votes (
  question_id text NOT NULL REFERENCES asked_questions (id) ON DELETE CASCADE,
  voter text NOT NULL,
  vote text NOT NULL,
  channel text NOT NULL,
  unit text,
  voted_at timestamptz NOT NULL,
  PRIMARY KEY (question_id, voter)
);
CREATE INDEX answer_votes_vote_time ON answer_votes (vote, voted_at);
`,
  4: `
CREATE TABLE record_returns (
  record_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  reason text NOT NULL,
  returned_by text NOT NULL,
  returned_by_label text NOT NULL,
  returned_at timestamptz NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE TABLE recent_forms (
  user_key text PRIMARY KEY,
  form_id text NOT NULL,
  period text,
  asked_at timestamptz NOT NULL
);
`,
});
