/**
 * Pushes one outbox step to the national database. Calls made at about the same time by the
 * push worker's concurrent jobs are coalesced into batches (pushBatch: one claim statement, one
 * national batch request, one statement per kind of outcome), so the cost per submission is a
 * fraction of a PostgreSQL commit and of an HTTP request, while each job still gets its own
 * outcome. Coalescing is per national client and pool: one hub's worker shares one batcher.
 */
import type pg from 'pg';
import { BATCH_MAX_ITEMS } from '../national/contract.ts';
import type { NationalClient } from '../national/client.ts';
import { createCoalescer, type Coalescer } from './coalescer.ts';
import { pushBatch, type PushDeps } from './push-batch.ts';
import type { PushOutcome } from './push-outcome.ts';

export type { PushDeps } from './push-batch.ts';
export type { PushOutcome } from './push-outcome.ts';

/** How long a batch waits for more submissions after its first one. */
export const BATCH_WAIT_MS = 15;
/** Batches of one hub's worker in flight at once (claim, national request, recording). */
export const BATCHES_IN_FLIGHT = 4;

const batchers = new WeakMap<NationalClient, WeakMap<pg.Pool, Coalescer<string, PushOutcome>>>();

function batcherFor(deps: PushDeps): Coalescer<string, PushOutcome> {
  let byPool = batchers.get(deps.client);
  if (byPool === undefined) {
    byPool = new WeakMap();
    batchers.set(deps.client, byPool);
  }
  let batcher = byPool.get(deps.pool);
  if (batcher === undefined) {
    batcher = createCoalescer((ids) => pushBatch(deps, ids), {
      maxItems: BATCH_MAX_ITEMS,
      maxWaitMs: BATCH_WAIT_MS,
      maxInFlight: BATCHES_IN_FLIGHT,
    });
    byPool.set(deps.pool, batcher);
  }
  return batcher;
}

/**
 * Sends the outbox step `outboxId` (in a batch with the steps other jobs are sending at the
 * same time) and records the outcome; never throws for national-side errors, it classifies them.
 */
export async function pushSubmission(deps: PushDeps, outboxId: string): Promise<PushOutcome> {
  return batcherFor(deps).load(outboxId);
}
