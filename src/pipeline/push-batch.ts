/**
 * Sends a batch of outbox steps to the national database and records the outcomes: one statement
 * claims them all under a lease, one stamps the first attempts' steps, one national batch
 * request carries them, and one statement per kind of outcome records what happened. Idempotent:
 * a step no longer pending is left alone; on its first attempt a step is stamped (stage, exact
 * body, content-bound submission key) and every later attempt re-sends exactly that, so a batch
 * that runs twice (after a crash between sending and recording, a lost reply or a Redis flush)
 * gets the same national case ids back instead of creating second cases.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { toHubError, type HubError } from '../lib/errors.ts';
import type { NationalClient } from '../national/client.ts';
import { BATCH_MAX_ITEMS } from '../national/contract.ts';
import type { NationalOutbound } from '../national/outbound.ts';
import {
  claimSubmissions,
  stampSteps,
  type Claim,
  type StepToStamp,
} from '../store/outbox-claim.ts';
import {
  recordAcknowledgements,
  recordFailures,
  type Acknowledgement,
  type Failure,
} from '../store/outbox-outcome.ts';
import type { Submission } from '../store/outbox-repo.ts';
import { classify, moreAfter, planStep, toRequest, type ToSend } from './push-step.ts';
import type { PushOutcome } from './push-outcome.ts';

/** What pushing needs. */
export interface PushDeps {
  readonly pool: pg.Pool;
  readonly client: NationalClient;
  readonly log: Logger;
  /** How long one attempt holds its submissions (longer than the national request timeout). */
  readonly leaseMs: number;
  /** The outbound mapping; default: mappings/outbound/national-v1.yaml. */
  readonly outbound?: NationalOutbound;
}

/** The outcomes of a batch so far, and what is left to record. */
interface Batch {
  readonly outcomes: Map<string, PushOutcome>;
  readonly acks: Acknowledgement[];
  readonly failures: Failure[];
}

/** Claimed submissions sorted by what happens next. */
interface Sorted {
  readonly send: ToSend[];
  readonly stamp: (StepToStamp & { readonly sub: Submission })[];
  readonly upToDate: string[];
}

/** Sorts the claims: send a stamped step, stamp a first one, close, or settle now. */
function sort(deps: PushDeps, claims: ReadonlyMap<string, Claim>, b: Batch): Sorted {
  const sorted: Sorted = { send: [], stamp: [], upToDate: [] };
  for (const [id, claim] of claims) {
    const plan = planStep(claim, deps.outbound);
    switch (plan.kind) {
      case 'outcome':
        b.outcomes.set(id, plan.outcome);
        break;
      case 'send':
        sorted.send.push({ id, sub: plan.sub, step: plan.step });
        break;
      case 'stamp': {
        const { sub, step } = plan;
        sorted.stamp.push({ outboxId: id, revision: sub.currentRevision, step, sub });
        break;
      }
      case 'up-to-date':
        sorted.upToDate.push(id);
        break;
      case 'unmappable':
        b.failures.push({ outboxId: id, dead: true, error: plan.error });
        b.outcomes.set(id, plan.outcome);
        deps.log.warn({ outboxId: id, code: plan.error.code }, plan.error.message);
        break;
    }
  }
  return sorted;
}

/** Claims the submissions, stamps the first attempts, and returns the steps to send. */
async function prepare(deps: PushDeps, ids: readonly string[], b: Batch): Promise<ToSend[]> {
  const claims = await claimSubmissions(deps.pool, ids, deps.leaseMs);
  const { send, stamp, upToDate } = sort(deps, claims, b);
  const done = await stampSteps(deps.pool, stamp, upToDate);
  for (const s of stamp) {
    if (done.stamped.has(s.outboxId)) send.push({ id: s.outboxId, sub: s.sub, step: s.step });
    else b.outcomes.set(s.outboxId, settledMeanwhile(done.skipped.has(s.outboxId)));
  }
  for (const id of upToDate) {
    const closed = done.skipped.has(id);
    b.outcomes.set(
      id,
      closed ? { status: 'skipped', reason: 'up-to-date' } : settledMeanwhile(false),
    );
  }
  return send;
}

/** A step another attempt got to first: already done, or busy for a moment. */
function settledMeanwhile(skipped: boolean): PushOutcome {
  return skipped
    ? { status: 'skipped', reason: 'already-done' }
    : { status: 'busy', retryInMs: 200 };
}

/** Sends up to BATCH_MAX_ITEMS steps in one national request and sorts the answers. */
async function send(deps: PushDeps, items: readonly ToSend[], b: Batch): Promise<void> {
  let results;
  try {
    results = await deps.client.submitBatch(
      items.map((t) => toRequest(t.step, t.sub.nationalCaseId)),
    );
  } catch (err) {
    const e = toHubError(err);
    for (const t of items) fail(deps, t, e, b, true);
    return;
  }
  items.forEach((t, i) => {
    const r = results[i];
    if (r?.ok === true) {
      const more = moreAfter(t.sub, t.step, deps.outbound);
      b.acks.push({ outboxId: t.id, receipt: r.receipt, moreAtThisRevision: more });
      b.outcomes.set(t.id, {
        status: 'acknowledged',
        nationalCaseId: r.receipt.nationalCaseId,
        duplicate: r.receipt.duplicate,
        stage: t.step.stage,
        followUpId: null,
      });
    } else if (r !== undefined) fail(deps, t, r.error, b, false);
  });
}

/** Classifies one failed item: a dead letter, or an attempt to count and retry. */
function fail(deps: PushDeps, t: ToSend, e: HubError, b: Batch, wholeRequest: boolean): void {
  const c = classify(e, wholeRequest);
  b.failures.push({ outboxId: t.id, dead: c.dead, error: c.error });
  b.outcomes.set(t.id, c.outcome);
  if (c.dead) {
    deps.log.warn(
      { outboxId: t.id, stage: t.step.stage, code: e.code },
      `submission dead-lettered: ${e.message}`,
    );
  }
}

/** Records the acknowledgements and failures, and puts the follow-ups into the outcomes. */
async function record(deps: PushDeps, b: Batch): Promise<void> {
  const [acked, failed] = await Promise.all([
    recordAcknowledgements(deps.pool, b.acks),
    recordFailures(deps.pool, b.failures),
  ]);
  for (const [id, r] of [...acked, ...failed]) {
    const o = b.outcomes.get(id);
    if (o === undefined || r.followUpId === null) continue;
    if (o.status === 'acknowledged' || o.status === 'dead-lettered') {
      b.outcomes.set(id, { ...o, followUpId: r.followUpId });
    }
  }
}

/**
 * Sends the outbox steps `outboxIds` and records what happened; never throws for national-side
 * errors, it classifies them per submission. Returns one outcome per id.
 */
export async function pushBatch(
  deps: PushDeps,
  outboxIds: readonly string[],
): Promise<Map<string, PushOutcome>> {
  const b: Batch = { outcomes: new Map(), acks: [], failures: [] };
  const toSend = await prepare(deps, [...new Set(outboxIds)], b);
  for (let i = 0; i < toSend.length; i += BATCH_MAX_ITEMS) {
    await send(deps, toSend.slice(i, i + BATCH_MAX_ITEMS), b);
  }
  await record(deps, b);
  return b.outcomes;
}
