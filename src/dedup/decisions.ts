/**
 * Reviewer decisions: accept a review pair (merge the two clusters), reject it (keep them apart
 * for good, and split them if they were together), or undo an earlier decision. Each decision is
 * recorded with its actor in the same transaction that applies it, under the dedup lock, so the
 * audit trail and the clusters never disagree; later runs obey it (see engine-sync.ts).
 */
import type pg from 'pg';
import { HubError } from '../lib/errors.ts';
import {
  decisionForUpdate,
  getReview,
  insertDecision,
  withDedupLock,
  type Decision,
} from '../store/dedup-review-repo.ts';
import {
  mergeCases,
  mergePersons,
  sameCase,
  samePerson,
  splitCase,
  splitPerson,
} from './cluster-edits.ts';

/** A reviewer's verdict on a pair. */
export type Verdict = 'accept' | 'reject';

async function merge(
  client: pg.PoolClient,
  kind: 'person' | 'case',
  left: string,
  right: string,
): Promise<void> {
  if (kind === 'person') await mergePersons(client, left, right);
  else await mergeCases(client, left, right);
}

/** Splits left off when it shares a cluster with right; returns the new cluster id, or null. */
async function splitIfTogether(
  client: pg.PoolClient,
  kind: 'person' | 'case',
  left: string,
  right: string,
): Promise<string | null> {
  const together =
    kind === 'person' ? await samePerson(client, left, right) : await sameCase(client, left, right);
  if (!together) return null;
  const id = crypto.randomUUID();
  if (kind === 'person') await splitPerson(client, left, id);
  else await splitCase(client, left, id);
  return id;
}

/** Decides an open review pair. */
export async function decideReview(
  pool: pg.Pool,
  reviewId: string,
  verdict: Verdict,
  actor: string,
  note: string | null,
): Promise<Decision> {
  return withDedupLock(pool, async (client) => {
    const review = await getReview(client, reviewId);
    if (review === null) throw new HubError('KNTC_NOT_FOUND', `No review pair ${reviewId}.`);
    if (review.status !== 'open') {
      throw new HubError(
        'KNTC_CONFLICT',
        `Review pair ${reviewId} was already decided (${review.status}).`,
      );
    }
    const { kind, leftRef, rightRef } = review;
    let newClusterId: string | null = null;
    if (verdict === 'accept') await merge(client, kind, leftRef, rightRef);
    else newClusterId = await splitIfTogether(client, kind, leftRef, rightRef);
    await client.query(`UPDATE dedup_reviews SET status = $2, decided_at = now() WHERE id = $1`, [
      reviewId,
      verdict === 'accept' ? 'accepted' : 'rejected',
    ]);
    const action = verdict === 'accept' ? 'merge' : 'split';
    return insertDecision(client, {
      reviewId,
      kind,
      action,
      leftRef,
      rightRef,
      actor,
      note,
      newClusterId,
      undoes: null,
    });
  });
}

/** Records a merge or split of two refs without a review pair (a reviewer correcting an automatic link). */
export async function decidePair(
  pool: pg.Pool,
  kind: 'person' | 'case',
  action: 'merge' | 'split',
  leftRef: string,
  rightRef: string,
  actor: string,
  note: string | null,
): Promise<Decision> {
  return withDedupLock(pool, async (client) => {
    let newClusterId: string | null = null;
    if (action === 'merge') await merge(client, kind, leftRef, rightRef);
    else newClusterId = await splitIfTogether(client, kind, leftRef, rightRef);
    return insertDecision(client, {
      reviewId: null,
      kind,
      action,
      leftRef,
      rightRef,
      actor,
      note,
      newClusterId,
      undoes: null,
    });
  });
}

/**
 * Undoes a decision: a merge is undone by splitting the left record off again; a split that
 * moved a record is undone by merging it back; a rejection that moved nothing only lifts the
 * separation. The review pair, if any, is open again.
 */
export async function undoDecision(
  pool: pg.Pool,
  decisionId: string,
  actor: string,
  note: string | null,
): Promise<Decision> {
  return withDedupLock(pool, async (client) => {
    const d = await decisionForUpdate(client, decisionId);
    if (d === null) throw new HubError('KNTC_NOT_FOUND', `No decision ${decisionId}.`);
    if (d.action === 'undo' || d.undoneBy !== null) {
      throw new HubError(
        'KNTC_CONFLICT',
        `Decision ${decisionId} is an undo or was already undone.`,
      );
    }
    let newClusterId: string | null = null;
    if (d.action === 'merge')
      newClusterId = await splitIfTogether(client, d.kind, d.leftRef, d.rightRef);
    else if (d.newClusterId !== null) await merge(client, d.kind, d.leftRef, d.rightRef);
    const undo = await insertDecision(client, {
      reviewId: d.reviewId,
      kind: d.kind,
      action: 'undo',
      leftRef: d.leftRef,
      rightRef: d.rightRef,
      actor,
      note,
      newClusterId,
      undoes: d.id,
    });
    await client.query('UPDATE dedup_decisions SET undone_by = $2 WHERE id = $1', [d.id, undo.id]);
    if (d.reviewId !== null) {
      await client.query(
        `UPDATE dedup_reviews SET status = 'open', decided_at = NULL WHERE id = $1`,
        [d.reviewId],
      );
    }
    return undo;
  });
}
