/**
 * The pure parts of pushing one submission: which step a claimed submission sends (its stamped
 * step, or the next one the national side lacks), the national request for a step, whether the
 * national side still lacks more after it, and how a failure is classified — a dead letter
 * (the national side refused the data, or the outbound mapping cannot shape it) or an attempt
 * to retry, with what the national side said about when.
 */
import type { HubError } from '../lib/errors.ts';
import type { NationalSubmission } from '../national/client.ts';
import { NationalRejectedError } from '../national/errors.ts';
import type { LaterStage, NationalCase, StageData } from '../national/national-case-schema.ts';
import { OutboundMappingError, type NationalOutbound } from '../national/outbound.ts';
import {
  laterStageMissing,
  nextStep,
  submissionKeyOf,
  type StageNumber,
} from '../national/stages.ts';
import type { Claim } from '../store/outbox-claim.ts';
import type { OutboxError, StampedStep, Submission } from '../store/outbox-repo.ts';
import type { PushOutcome } from './push-outcome.ts';

/** A claimed submission and the step it sends. */
export interface ToSend {
  readonly id: string;
  readonly sub: Submission;
  readonly step: StampedStep;
}

/** What to do with one claimed (or unclaimable) submission. */
export type Plan =
  | { readonly kind: 'outcome'; readonly outcome: PushOutcome }
  | { readonly kind: 'send'; readonly sub: Submission; readonly step: StampedStep }
  | { readonly kind: 'stamp'; readonly sub: Submission; readonly step: StampedStep }
  | { readonly kind: 'up-to-date' }
  | { readonly kind: 'unmappable'; readonly error: OutboxError; readonly outcome: PushOutcome };

/** The plan for one claim: send its stamped step, stamp the next one, or settle it. */
export function planStep(claim: Claim, outbound?: NationalOutbound): Plan {
  switch (claim.kind) {
    case 'busy':
      return { kind: 'outcome', outcome: { status: 'busy', retryInMs: claim.leaseMs } };
    case 'not-pending': {
      const reason = claim.submission === null ? 'missing' : 'already-done';
      return { kind: 'outcome', outcome: { status: 'skipped', reason } };
    }
    case 'claimed':
      break;
  }
  const sub = claim.submission;
  if (sub.step !== null) return { kind: 'send', sub, step: sub.step };
  try {
    const next = nextStep(sub, outbound);
    if (next === null) return { kind: 'up-to-date' };
    const step = { ...next, submissionKey: submissionKeyOf(sub.hubId, sub.currentRevision, next) };
    return { kind: 'stamp', sub, step };
  } catch (err) {
    if (!(err instanceof OutboundMappingError)) throw err;
    const error = { code: err.code, message: err.message };
    return {
      kind: 'unmappable',
      error,
      outcome: { status: 'dead-lettered', code: err.code, followUpId: null },
    };
  }
}

/** Whether the national side still lacks a later stage of the same content after this step. */
export function moreAfter(
  sub: Submission,
  step: StampedStep,
  outbound?: NationalOutbound,
): boolean {
  try {
    return laterStageMissing(sub, step.stage as StageNumber, outbound);
  } catch (err) {
    // The next step cannot be shaped: queue it anyway, so it is dead-lettered with the reason.
    if (err instanceof OutboundMappingError) return true;
    throw err;
  }
}

/** The national request of a stamped step. */
export function toRequest(step: StampedStep, nationalCaseId: string | null): NationalSubmission {
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

/** A failure classified: dead letter or retry, what to record and the outcome to report. */
export interface Classified {
  readonly dead: boolean;
  readonly error: OutboxError;
  readonly outcome: PushOutcome;
}

/**
 * Classifies a failure. An item the national side refused for good (422, an unknown case) is a
 * dead letter; a failure of the whole request never is (credentials, a bad route or a 5xx are
 * fixed on the hub's or the national side, not in the data): it is retried with back-off.
 */
export function classify(e: HubError, wholeRequest: boolean): Classified {
  if (e instanceof NationalRejectedError || (!e.retryable && !wholeRequest)) {
    const national = e instanceof NationalRejectedError ? { fieldErrors: e.fieldErrors } : null;
    return {
      dead: true,
      error: { code: e.code, message: e.message, national },
      outcome: { status: 'dead-lettered', code: e.code, followUpId: null },
    };
  }
  const retryAfter = e.details['retryAfterMs'];
  const opensAt = e.details['nextWindowOpensAt'];
  return {
    dead: false,
    error: { code: e.code, message: e.message },
    outcome: {
      status: 'retry',
      code: e.code,
      retryAfterMs: typeof retryAfter === 'number' ? retryAfter : null,
      windowClosed: e.code === 'KNTC_NATIONAL_WINDOW_CLOSED',
      windowOpensAt: typeof opensAt === 'string' ? opensAt : null,
      wholeRequest,
    },
  };
}
