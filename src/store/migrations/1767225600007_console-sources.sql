-- Up Migration
-- Sources defined at run time from the dashboard's sources console, next to those in the
-- deployment file. The `sources` table stays the registry of every source (both kinds are
-- registered there, so runs, cursors and counts work the same); a console source also has a
-- definition row here, and its secrets (API keys, passwords) are stored only encrypted.

CREATE TABLE source_definitions (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name        text NOT NULL CHECK (name <> ''),
  adapter     text NOT NULL CHECK (adapter <> ''),
  -- A file directly under mappings/ of the project root (e.g. mappings/quynhon-web.yaml): no
  -- sub-folder and no `..`, so a definition cannot name a file elsewhere.
  mapping     text NOT NULL CHECK (mapping ~ '^mappings/[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$'),
  -- Cron expression read in Asia/Ho_Chi_Minh time; NULL: pulled only when someone asks.
  schedule    text CHECK (schedule <> ''),
  enabled     boolean NOT NULL DEFAULT true,
  -- The adapter config as entered; each secret field holds the secret's name, never its value.
  config      jsonb NOT NULL CHECK (jsonb_typeof(config) = 'object'),
  -- Optimistic lock: an edit names the version it started from and is refused if it moved.
  version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_by  text NOT NULL
);

-- One secret of a console source, sealed with AES-256-GCM (src/lib/secret-box.ts). key_id names
-- the key that sealed it (a fingerprint, not the key), so a changed KNTC_SECRETS_KEY is reported
-- as such. The plaintext is never stored, logged or shown again.
CREATE TABLE source_secrets (
  source_id   text NOT NULL REFERENCES source_definitions (id) ON DELETE CASCADE,
  name        text NOT NULL CHECK (name ~ '^[A-Z][A-Z0-9_]*$'),
  ciphertext  bytea NOT NULL,
  iv          bytea NOT NULL CHECK (octet_length(iv) = 12),
  tag         bytea NOT NULL CHECK (octet_length(tag) = 16),
  key_id      text NOT NULL CHECK (key_id ~ '^[0-9a-f]{16}$'),
  set_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  set_by      text NOT NULL,
  PRIMARY KEY (source_id, name)
);

-- Down Migration
DROP TABLE IF EXISTS source_secrets, source_definitions;
