import { engineMigrations, EXPIRY_INDEXES_SQL, type Migration } from './migration.ts';

/**
 * The product database's state tables. Version 1 is the schema the stores created themselves before
 * migrations existed (IF NOT EXISTS), so a database file from then is taken over as it is.
 * Numbers and names are MIGRATION_STEPS (migration.ts), shared with postgres/migrations.ts: add a step there and
 * its SQL in both files; never edit an applied one.
 */
export const SQLITE_MIGRATIONS: Migration[] = engineMigrations({
  1: `
CREATE TABLE IF NOT EXISTS sessions (
  user_key TEXT PRIMARY KEY,
  activity TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
  key TEXT PRIMARY KEY,
  seen_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_bindings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_key TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('farmer', 'reporter', 'admin')),
  unit TEXT,
  display_name TEXT,
  via TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS user_bindings_user ON user_bindings (user_key, id);
CREATE TABLE IF NOT EXISTS invites (
  code TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('reporter', 'admin')),
  unit TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  redeemed_by TEXT,
  redeemed_at TEXT
);
CREATE TABLE IF NOT EXISTS display_names (
  user_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS record_versions (
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  form_id TEXT NOT NULL,
  unit TEXT NOT NULL,
  period TEXT,
  data TEXT NOT NULL,
  verdicts TEXT NOT NULL,
  confirmed_warnings TEXT NOT NULL,
  author_key TEXT NOT NULL,
  author_channel TEXT NOT NULL,
  author_name TEXT,
  submission_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE INDEX IF NOT EXISTS record_versions_form ON record_versions (form_id, unit, period);
CREATE TRIGGER IF NOT EXISTS record_versions_no_update BEFORE UPDATE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
CREATE TRIGGER IF NOT EXISTS record_versions_no_delete BEFORE DELETE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
CREATE TABLE IF NOT EXISTS reminders_sent (
  form_id TEXT NOT NULL,
  period TEXT NOT NULL,
  window TEXT NOT NULL,
  user_key TEXT NOT NULL,
  unit TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  PRIMARY KEY (form_id, period, window, user_key)
);
CREATE TABLE IF NOT EXISTS reminder_opt_outs (
  user_key TEXT PRIMARY KEY,
  opted_out INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  2: EXPIRY_INDEXES_SQL,
  3: `
CREATE TABLE IF NOT EXISTS asked_questions (
  id TEXT PRIMARY KEY,
  asked_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  unit TEXT,
  question TEXT NOT NULL,
  status TEXT NOT NULL,
  sources TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS asked_questions_status_time ON asked_questions (status, asked_at);
CREATE TABLE IF NOT EXISTS answer_votes (
  question_id TEXT NOT NULL REFERENCES asked_questions (id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  vote TEXT NOT NULL,
  channel TEXT NOT NULL,
  unit TEXT,
  voted_at TEXT NOT NULL,
  PRIMARY KEY (question_id, voter)
);
CREATE INDEX IF NOT EXISTS answer_votes_vote_time ON answer_votes (vote, voted_at);
`,
  4: `
CREATE TABLE IF NOT EXISTS record_returns (
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  reason TEXT NOT NULL,
  returned_by TEXT NOT NULL,
  returned_by_label TEXT NOT NULL,
  returned_at TEXT NOT NULL,
  PRIMARY KEY (record_id, version)
);
CREATE TABLE IF NOT EXISTS recent_forms (
  user_key TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  period TEXT,
  asked_at TEXT NOT NULL
);
`,
});
