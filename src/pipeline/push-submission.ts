/**
 * Sends one outbox step to the national database and records the outcome. Idempotent: a step
 * no longer pending is left alone; on its first attempt the step is stamped (stage, exact body,
 * content-bound submission key) and every later attempt re-sends exactly that, so a job that runs
 * twice (after a crash between sending and recording, a lost reply or a Redis flush) gets the
 * same national case id back instead of creating a second case. Acknowledging a step queues the
 * next one the national side still lacks.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { toHubError, type HubError } from '../lib/errors.ts';
import type { NationalClient, NationalSubmission } from '../national/client.ts';
import { NationalRejectedError } from '../national/errors.ts';
import type { LaterStage, NationalCase, StageData } from '../national/national-case-schema.ts';
import { nextStep, submissionKeyOf } from '../national/stages.ts';
import {
  claimSubmission,
  loadSubmission,
  markDeadLetter,
  markSkipped,
  recordAcknowledged,
  recordAttemptFailed,
  stampStep,
  type StampedStep,
  type Submission,
} from '../store/outbox-repo.ts';

/** What happened to one submission. */
export type PushOutcome =
  | {
      readonly status: 'acknowledged';
      readonly nationalCaseId: string;
      readonly duplicate: boolean;
      readonly stage: number;
      /** The next step queued for the same petition, to enqueue. */
      readonly followUpId: string | null;
    }
  | {
      readonly status: 'skipped';
      readonly reason: 'missing' | 'already-done' | 'up-to-date';
    }
  /** Another attempt of the same submission is running; try again after `retryInMs`. */
  | { readonly status: 'busy'; readonly retryInMs: number }
  | { readonly status: 'dead-lettered'; readonly code: string }
  | {
      readonly status: 'retry';
      readonly code: string;
      readonly retryAfterMs: number | null;
      /** True when the national side refused because its submission window is closed. */
      readonly windowClosed: boolean;
      /** When the national side said the window opens (ISO), if it said. */
      readonly windowOpensAt: string | null;
    };

/** What pushing needs. */
export interface PushDeps {
  readonly pool: pg.Pool;
  readonly client: NationalClient;
  readonly log: Logger;
  /** How long one attempt holds its submission (longer than the national request timeout). */
  readonly leaseMs: number;
}

/** The step this attempt sends, with the submission as loaded; or why there is none. */
type Attempt =
  | { readonly kind: 'send'; readonly sub: Submission; readonly step: StampedStep }
  | { readonly kind: 'done'; readonly outcome: PushOutcome };

/**
 * Stamps the step on the first attempt (taking the lease in the same statement); otherwise
 * claims the lease of the already stamped step. Two commits per attempt in all: this and the
 * outcome.
 */
async function begin(deps: PushDeps, outboxId: string): Promise<Attempt> {
  const sub = await loadSubmission(deps.pool, outboxId);
  if (sub === null) return { kind: 'done', outcome: { status: 'skipped', reason: 'missing' } };
  if (sub.status !== 'pending') {
    return { kind: 'done', outcome: { status: 'skipped', reason: 'already-done' } };
  }
  if (sub.step === null) {
    const next = nextStep(sub);
    if (next === null) {
      if (await markSkipped(deps.pool, outboxId)) {
        return { kind: 'done', outcome: { status: 'skipped', reason: 'up-to-date' } };
      }
    } else {
      const step = {
        ...next,
        submissionKey: submissionKeyOf(sub.hubId, sub.currentRevision, next),
      };
      if (await stampStep(deps.pool, outboxId, sub.currentRevision, step, deps.leaseMs)) {
        return { kind: 'send', sub, step };
      }
    }
  }
  const claim = await claimSubmission(deps.pool, outboxId, deps.leaseMs);
  switch (claim.kind) {
    case 'busy':
      return { kind: 'done', outcome: { status: 'busy', retryInMs: claim.leaseMs } };
    case 'not-pending':
      return { kind: 'done', outcome: { status: 'skipped', reason: 'already-done' } };
    case 'claimed':
      if (claim.submission.step === null) {
        // Leased but never stamped: another attempt is between loading and stamping.
        return { kind: 'done', outcome: { status: 'busy', retryInMs: 200 } };
      }
      return { kind: 'send', sub: claim.submission, step: claim.submission.step };
  }
}

/** Whether the national side still lacks a later stage of the same content after this step. */
function moreAfter(sub: Submission, step: StampedStep, nationalCaseId: string): boolean {
  const acked = { ...sub.acked, [String(step.stage)]: step.bodyHash };
  return nextStep({ ...sub, acked, nationalCaseId }) !== null;
}

function toRequest(step: StampedStep, nationalCaseId: string | null): NationalSubmission {
  const { submissionKey } = step;
  if (step.operation === 'stage' && nationalCaseId !== null) {
    const stage = step.stage as LaterStage;
    const data = step.body as StageData[LaterStage];
    return { submissionKey, operation: 'stage', nationalCaseId, stage, data };
  }
  const body = step.body as NationalCase;
  return nationalCaseId === null || step.operation === 'create'
    ? { submissionKey, operation: 'create', body }
    : { submissionKey, operation: 'update', nationalCaseId, body };
}

/** Sends the outbox step `outboxId`; never throws for national-side errors, it classifies them. */
export async function pushSubmission(deps: PushDeps, outboxId: string): Promise<PushOutcome> {
  const attempt = await begin(deps, outboxId);
  if (attempt.kind === 'done') return attempt.outcome;
  const { sub, step } = attempt;
  const log = deps.log.child({ outboxId, sourceId: sub.sourceId, stage: step.stage });
  try {
    const receipt = await deps.client.submit(toRequest(step, sub.nationalCaseId));
    const more = moreAfter(sub, step, receipt.nationalCaseId);
    const followUpId = await recordAcknowledged(deps.pool, outboxId, receipt, more);
    log.debug({ duplicate: receipt.duplicate, followUpId }, 'submission acknowledged');
    const { nationalCaseId, duplicate } = receipt;
    return { status: 'acknowledged', nationalCaseId, duplicate, stage: step.stage, followUpId };
  } catch (err) {
    return failed(deps, outboxId, toHubError(err), log);
  }
}

async function failed(
  deps: PushDeps,
  outboxId: string,
  e: HubError,
  log: Logger,
): Promise<PushOutcome> {
  if (e instanceof NationalRejectedError || !e.retryable) {
    const national = e instanceof NationalRejectedError ? { fieldErrors: e.fieldErrors } : null;
    await markDeadLetter(deps.pool, outboxId, { code: e.code, message: e.message, national });
    log.warn({ code: e.code }, `submission dead-lettered: ${e.message}`);
    return { status: 'dead-lettered', code: e.code };
  }
  await recordAttemptFailed(deps.pool, outboxId, { code: e.code, message: e.message });
  const retryAfter = e.details['retryAfterMs'];
  const opensAt = e.details['nextWindowOpensAt'];
  return {
    status: 'retry',
    code: e.code,
    retryAfterMs: typeof retryAfter === 'number' ? retryAfter : null,
    windowClosed: e.code === 'KNTC_NATIONAL_WINDOW_CLOSED',
    windowOpensAt: typeof opensAt === 'string' ? opensAt : null,
  };
}
