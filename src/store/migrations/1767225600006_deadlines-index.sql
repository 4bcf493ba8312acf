-- Up Migration
-- Indexes for the legal-deadline dashboard (src/store/deadlines-repo.ts). Each is partial: it
-- holds only petitions with a step still open, so settled history costs nothing, and each is
-- keyed by the date the open steps count from, so the query reads only petitions old enough to be
-- near their deadline. The WHERE clauses must stay textually identical to the predicates in
-- deadlines-repo.ts (RECEIPT_OPEN, SETTLEMENT_OPEN), or the planner stops using them.

-- Steps counted from receipt: handling not decided, or a complaint/denunciation not yet accepted.
CREATE INDEX petitions_deadline_receipt_open ON petitions (received_on, hub_id)
  WHERE (record->'handling'->>'decidedAt') IS NULL
     OR (kind IN ('KN', 'TC') AND (record->'settlement'->>'acceptedAt') IS NULL
         AND coalesce(record->'handling'->>'outcome', 'ACCEPT') = 'ACCEPT');

-- Settlement counted from acceptance, not yet decided. ISO date text sorts like the date.
CREATE INDEX petitions_deadline_settlement_open
  ON petitions ((record->'settlement'->>'acceptedAt'), hub_id)
  WHERE (record->'settlement'->>'acceptedAt') IS NOT NULL
    AND (record->'settlement'->>'decidedAt') IS NULL;

-- Down Migration
DROP INDEX IF EXISTS petitions_deadline_settlement_open;
DROP INDEX IF EXISTS petitions_deadline_receipt_open;
