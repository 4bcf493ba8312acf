-- Up Migration
-- A replay re-maps the raw records already stored for a source (after a mapping fix) without
-- pulling again. It is recorded as a sync run of its own kind, so the status page and the
-- run history tell a replay from a pull. The column's CHECK was declared inline in the initial
-- migration, so PostgreSQL named it sync_runs_trigger_check.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_trigger_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_trigger_check
  CHECK (trigger IN ('schedule', 'catch-up', 'manual', 'replay'));

-- Down Migration
-- Replays become manual runs again: the older constraint does not know them.
UPDATE sync_runs SET trigger = 'manual' WHERE trigger = 'replay';
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_trigger_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_trigger_check
  CHECK (trigger IN ('schedule', 'catch-up', 'manual'));
