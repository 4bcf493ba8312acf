/**
 * The review queue and the reviewers' decisions in PostgreSQL. A decision is applied to the
 * stored clusters in the same transaction that records it (with the actor, for the audit), and
 * stays in force for every later run until undone; an undo is itself a recorded decision.
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import { assertBigintId, withTransaction } from './tx.ts';

/** What a decision did. */
export type DecisionAction = 'merge' | 'split' | 'undo';

/** One review pair. */
export interface ReviewItem {
  readonly id: string;
  readonly kind: 'person' | 'case';
  readonly leftRef: string;
  readonly rightRef: string;
  readonly score: number;
  readonly reasons: unknown;
  readonly status: 'open' | 'accepted' | 'rejected';
  readonly createdAt: string;
}

/** One recorded decision. */
export interface Decision {
  readonly id: string;
  readonly reviewId: string | null;
  readonly kind: 'person' | 'case';
  readonly action: DecisionAction;
  readonly leftRef: string;
  readonly rightRef: string;
  readonly actor: string;
  readonly note: string | null;
  readonly newClusterId: string | null;
  readonly undoes: string | null;
  readonly undoneBy: string | null;
  readonly decidedAt: string;
}

interface ReviewDbRow {
  id: string;
  kind: 'person' | 'case';
  left_ref: string;
  right_ref: string;
  score: number;
  reasons: unknown;
  status: ReviewItem['status'];
  created_at: Date;
}

const toReview = (r: ReviewDbRow): ReviewItem => ({
  id: String(r.id),
  kind: r.kind,
  leftRef: r.left_ref,
  rightRef: r.right_ref,
  score: r.score,
  reasons: r.reasons,
  status: r.status,
  createdAt: r.created_at.toISOString(),
});

interface DecisionDbRow {
  id: string;
  review_id: string | null;
  kind: 'person' | 'case';
  action: DecisionAction;
  left_ref: string;
  right_ref: string;
  actor: string;
  note: string | null;
  new_cluster_id: string | null;
  undoes: string | null;
  undone_by: string | null;
  decided_at: Date;
}

const toDecision = (r: DecisionDbRow): Decision => ({
  id: String(r.id),
  reviewId: r.review_id === null ? null : String(r.review_id),
  kind: r.kind,
  action: r.action,
  leftRef: r.left_ref,
  rightRef: r.right_ref,
  actor: r.actor,
  note: r.note,
  newClusterId: r.new_cluster_id,
  undoes: r.undoes === null ? null : String(r.undoes),
  undoneBy: r.undone_by === null ? null : String(r.undone_by),
  decidedAt: r.decided_at.toISOString(),
});

/** Review pairs by status, oldest first, keyset-paged by id. */
export async function listReviews(
  pool: pg.Pool,
  opts: { status: ReviewItem['status']; kind?: 'person' | 'case'; afterId?: string; limit: number },
): Promise<ReviewItem[]> {
  const { rows } = await pool.query<ReviewDbRow>(
    `SELECT * FROM dedup_reviews
      WHERE status = $1 AND ($2::text IS NULL OR kind = $2) AND id > $3
      ORDER BY id LIMIT $4`,
    [opts.status, opts.kind ?? null, opts.afterId ?? '0', opts.limit],
  );
  return rows.map(toReview);
}

/** One review pair, or null. */
export async function getReview(
  pool: pg.Pool | pg.PoolClient,
  id: string,
): Promise<ReviewItem | null> {
  const { rows } = await pool.query<ReviewDbRow>('SELECT * FROM dedup_reviews WHERE id = $1', [
    assertBigintId('review', id),
  ]);
  return rows[0] === undefined ? null : toReview(rows[0]);
}

/** Decisions after an id (every process applies them to its matcher), oldest first. */
export async function decisionsAfter(pool: pg.Pool, afterId: string): Promise<Decision[]> {
  const { rows } = await pool.query<DecisionDbRow>(
    'SELECT * FROM dedup_decisions WHERE id > $1 ORDER BY id',
    [afterId],
  );
  return rows.map(toDecision);
}

/** Decisions in force (merges and splits not undone), oldest first. */
export async function activeDecisions(pool: pg.Pool): Promise<Decision[]> {
  const { rows } = await pool.query<DecisionDbRow>(
    `SELECT * FROM dedup_decisions WHERE undone_by IS NULL AND action <> 'undo' ORDER BY id`,
  );
  return rows.map(toDecision);
}

/** The decision audit trail, newest first. */
export async function listDecisions(pool: pg.Pool, limit: number): Promise<Decision[]> {
  const { rows } = await pool.query<DecisionDbRow>(
    'SELECT * FROM dedup_decisions ORDER BY id DESC LIMIT $1',
    [limit],
  );
  return rows.map(toDecision);
}

/** Runs fn in a transaction holding the dedup lock (one writer of clusters at a time). */
export async function withDedupLock<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('kntc-hub:dedup'))`);
    return fn(client);
  });
}

/** Records a decision inside the caller's transaction; returns it. */
export async function insertDecision(
  client: pg.PoolClient,
  d: Omit<Decision, 'id' | 'undoneBy' | 'decidedAt'>,
): Promise<Decision> {
  const { rows } = await client.query<DecisionDbRow>(
    `INSERT INTO dedup_decisions (review_id, kind, action, left_ref, right_ref, actor, note, new_cluster_id, undoes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      d.reviewId,
      d.kind,
      d.action,
      d.leftRef,
      d.rightRef,
      d.actor,
      d.note,
      d.newClusterId,
      d.undoes,
    ],
  );
  const row = rows[0];
  if (row === undefined) throw new HubError('KNTC_INTERNAL', 'Decision insert returned no row.');
  return toDecision(row);
}

/** Loads a decision for update. */
export async function decisionForUpdate(
  client: pg.PoolClient,
  id: string,
): Promise<Decision | null> {
  const { rows } = await client.query<DecisionDbRow>(
    'SELECT * FROM dedup_decisions WHERE id = $1 FOR UPDATE',
    [assertBigintId('decision', id)],
  );
  return rows[0] === undefined ? null : toDecision(rows[0]);
}
