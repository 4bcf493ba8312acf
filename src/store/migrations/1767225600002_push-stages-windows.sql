-- Up Migration
-- Staged national submissions, content-bound submission keys, reporting periods and the
-- national submission windows the hub has learned from refusals.
--
-- Keys: a petition's `revision` rises by one on every content change, so content flipping
-- A→B→A gets three revisions and three keys (a key derived from the content hash alone would be
-- reused on the way back to A and the last change silently not queued). An outbox row is a
-- "bring this petition up to date" step: on its first attempt the push decides which stage it
-- sends and snapshots the exact body and key (`stage`, `body`, `body_hash`, `submission_key`),
-- so a retry — after a crash, a lost reply or a Redis flush — re-sends the same bytes under the
-- same key and the national side answers "duplicate" instead of storing anything twice.

ALTER TABLE petitions ADD COLUMN IF NOT EXISTS revision integer NOT NULL DEFAULT 1;
-- The hub id of the case cluster's original petition (also added by the deduplication work).
ALTER TABLE petitions ADD COLUMN IF NOT EXISTS original_hub_id uuid NULL;
-- Body hash the national database acknowledged, per stage: { "1": "<sha256>", "2": … }.
ALTER TABLE petitions ADD COLUMN IF NOT EXISTS national_acked jsonb NOT NULL DEFAULT '{}'::jsonb;

ALTER TABLE outbox ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE outbox ADD COLUMN stage smallint NULL CHECK (stage BETWEEN 1 AND 5);
ALTER TABLE outbox ADD COLUMN body jsonb NULL;
ALTER TABLE outbox ADD COLUMN body_hash char(64) NULL;
-- What the national database said when it refused the submission for good (422 field errors).
ALTER TABLE outbox ADD COLUMN national_error jsonb NULL;
ALTER TABLE outbox ADD COLUMN dead_at timestamptz NULL;
ALTER TABLE outbox ADD COLUMN first_attempt_at timestamptz NULL;
-- A push attempt holds a short lease on its row, so two jobs for one submission (e.g. one
-- re-enqueued after a Redis flush while the first still runs) never send at the same time.
ALTER TABLE outbox ADD COLUMN lease_until timestamptz NULL;

ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_operation_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_operation_check
  CHECK (operation IN ('create', 'update', 'stage', 'sync'));
-- 'skipped': the step had nothing left to send (the change touched no national field);
-- 'superseded': a dead submission made obsolete by a later acknowledged one of the same petition.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'acknowledged', 'dead', 'skipped', 'superseded'));
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_acknowledged_iff_stamped;
ALTER TABLE outbox ADD CONSTRAINT outbox_acknowledged_iff_stamped
  CHECK ((status = 'acknowledged') = (acknowledged_at IS NOT NULL));

-- Per source and reporting period summaries.
CREATE INDEX IF NOT EXISTS outbox_source_hub ON outbox (source_id, hub_id);
CREATE INDEX IF NOT EXISTS outbox_hub ON outbox (hub_id);

ALTER TABLE national_receipts ADD COLUMN IF NOT EXISTS stage smallint NULL;
ALTER TABLE national_receipts ADD COLUMN IF NOT EXISTS submission_key text NULL;

-- Submission windows learned from WINDOW_CLOSED refusals: the national side is closed until
-- `closed_until`. One row per national endpoint (today: 'national').
CREATE TABLE IF NOT EXISTS national_window_state (
  endpoint      text PRIMARY KEY,
  closed_until  timestamptz NULL,
  learned_at    timestamptz NOT NULL DEFAULT now(),
  message       text NULL
);

-- Down Migration
DROP TABLE IF EXISTS national_window_state;
ALTER TABLE national_receipts DROP COLUMN IF EXISTS submission_key, DROP COLUMN IF EXISTS stage;
DROP INDEX IF EXISTS outbox_hub;
DROP INDEX IF EXISTS outbox_source_hub;
DELETE FROM outbox WHERE status IN ('skipped', 'superseded') OR operation IN ('stage', 'sync');
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check
  CHECK (status IN ('pending', 'acknowledged', 'dead'));
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_operation_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_operation_check CHECK (operation IN ('create', 'update'));
ALTER TABLE outbox DROP COLUMN lease_until, DROP COLUMN first_attempt_at, DROP COLUMN dead_at, DROP COLUMN national_error,
  DROP COLUMN body_hash, DROP COLUMN body, DROP COLUMN stage, DROP COLUMN revision;
ALTER TABLE petitions DROP COLUMN IF EXISTS national_acked, DROP COLUMN IF EXISTS revision;
