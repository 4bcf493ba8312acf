/**
 * When dedup changes which case a petition belongs to after it was stored (a reviewer's merge or
 * split, a re-cluster), the national side must follow: the petition's stage-1 body carries the
 * original it duplicates (trungVoiMaHoSoNguon), so a change of original is a change of what the
 * national side should hold. In the caller's transaction, each such petition's revision is raised
 * and, when the national side already holds it, a 'sync' outbox step is queued (one pending step
 * per petition, as commitBatch does; a pending step already there sends the current record, and
 * a step in flight is followed up because the revision rose). The reconciler enqueues the step.
 */
import type pg from 'pg';

/** The outbox step, from petitions whose revision was already raised (the national side holds them). */
const STEP_SQL = `
INSERT INTO outbox (hub_id, source_id, operation, submission_key, content_hash, revision)
SELECT b.hub_id, b.source_id, 'sync', b.hub_id::text || ':q:' || gen_random_uuid(), b.content_hash,
       b.revision
  FROM bumped b
 WHERE b.national_case_id IS NOT NULL
ON CONFLICT DO NOTHING
RETURNING id::text AS id`;

const QUEUE_SQL = `
WITH bumped AS (
  UPDATE petitions p SET revision = p.revision + 1, updated_at = now()
   WHERE p.hub_id = ANY($1::uuid[])
  RETURNING p.hub_id, p.source_id, p.content_hash, p.revision, p.national_case_id
)
${STEP_SQL}`;

const STEPS_ONLY_SQL = `
WITH bumped AS (
  SELECT p.hub_id, p.source_id, p.content_hash, p.revision, p.national_case_id
    FROM petitions p WHERE p.hub_id = ANY($1::uuid[])
)
${STEP_SQL}`;

/**
 * Raises the revision of petitions whose case original changed and queues a push step for those
 * already sent; returns the outbox ids queued.
 */
export async function queueLinkChanges(
  client: pg.PoolClient,
  hubIds: readonly string[],
): Promise<string[]> {
  if (hubIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(QUEUE_SQL, [hubIds]);
  return rows.map((r) => r.id);
}

/**
 * Queues the push step of petitions whose original changed and whose revision the caller already
 * raised in the same statement that changed it, for those the national side holds.
 */
export async function queueSyncSteps(
  client: pg.PoolClient,
  hubIds: readonly string[],
): Promise<string[]> {
  if (hubIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(STEPS_ONLY_SQL, [hubIds]);
  return rows.map((r) => r.id);
}
