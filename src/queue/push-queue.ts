/**
 * The push queue: one job per outbox entry (job id = outbox id, so an entry never has two live
 * jobs), exponential backoff with jitter, one rate limit for the national endpoint matched to its
 * quota (submissions per second, whether they travel alone or in a batch), and priorities so
 * what belongs to the reporting period about to close goes first. The quota and the submission
 * window are shared by every job, so a 429's Retry-After and a closed window pause the whole
 * queue (worker.rateLimit) rather than one job; held jobs lose no attempt. The worker runs many
 * jobs at once so that the push can send their submissions together (push-submission.ts):
 * `concurrency` counts national requests in flight, each carrying about a fifth of a second's
 * quota of submissions (at most BATCH_MAX_ITEMS).
 */
import { DelayedError, Queue, Worker, type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { HubError } from '../lib/errors.ts';
import { defaultOutbound } from '../national/outbound.ts';
import { pushPriority, type PeriodConfig } from '../national/periods.ts';
import type { WindowState } from '../national/windows.ts';
import type { PushOutcome } from '../pipeline/push-submission.ts';
import { BATCH_MAX_ITEMS } from '../national/contract.ts';
import { createCoalescer } from '../pipeline/coalescer.ts';
import { receivedOnOf } from '../store/outbox-scan.ts';
import { PUSH_QUEUE, type PushJobData } from './names.ts';

/** Tuning of the push queue, from the deployment file. */
export interface PushTuning {
  readonly concurrency: number;
  readonly ratePerSecond: number;
  readonly attempts: number;
  readonly backoffMs: number;
  /** Lock of a running job; a job whose worker died is taken up again after about this long. */
  readonly jobLockSeconds?: number;
}

/** The backoff type of push jobs: exponential with jitter, capped (see cappedBackoff). */
const CAPPED_BACKOFF = 'capped-exponential';
/** Longest wait between two attempts of one submission. */
export const MAX_BACKOFF_MS = 60_000;

/**
 * Milliseconds before attempt `attemptsMade + 1`: backoffMs × 2^(attemptsMade − 1), at most
 * MAX_BACKOFF_MS, with ±25 % jitter. Capped because a failed national request fails every
 * submission of its batch at once: without a cap, a run of bad luck during a long outage would
 * leave a few submissions waiting an hour after the national side is back.
 */
export function cappedBackoff(backoffMs: number, attemptsMade: number, random = Math.random) {
  const base = Math.min(backoffMs * 2 ** Math.max(attemptsMade - 1, 0), MAX_BACKOFF_MS);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Most jobs one worker runs at once. */
const MAX_SLOTS = 1000;

/** Jobs the worker runs at once: `concurrency` requests of a fifth of a second's quota each. */
export function slotsOf(tuning: PushTuning): number {
  const perRequest = Math.min(Math.max(Math.ceil(tuning.ratePerSecond / 5), 1), BATCH_MAX_ITEMS);
  return Math.min(tuning.concurrency * perRequest, MAX_SLOTS);
}

/** One entry to enqueue; priority 1 goes first (BullMQ's order). */
export interface PushItem {
  readonly outboxId: string;
  readonly priority?: number;
}

/** Producer side of the push queue. */
export interface PushQueue {
  readonly queue: Queue<PushJobData>;
  enqueue(items: readonly (PushItem | string)[]): Promise<void>;
  close(): Promise<void>;
}

/** BullMQ job id of an outbox entry. */
export const pushJobId = (outboxId: string): string => `outbox-${outboxId}`;

function newQueue(connection: Redis, prefix: string, tuning: PushTuning): Queue<PushJobData> {
  return new Queue<PushJobData>(PUSH_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: tuning.attempts,
      backoff: { type: CAPPED_BACKOFF, delay: tuning.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
}

async function addItems(queue: Queue<PushJobData>, items: readonly (PushItem | string)[]) {
  if (items.length === 0) return;
  await queue.addBulk(
    items.map((item) => {
      const { outboxId, priority } = typeof item === 'string' ? { outboxId: item } : item;
      const opts = { jobId: pushJobId(outboxId), ...(priority !== undefined && { priority }) };
      return { name: 'push', data: { outboxId }, opts };
    }),
  );
}

/** Creates the producer side. */
export function createPushQueue(connection: Redis, prefix: string, tuning: PushTuning): PushQueue {
  const queue = newQueue(connection, prefix, tuning);
  return { queue, enqueue: (items) => addItems(queue, items), close: () => queue.close() };
}

/** Outbox ids with their priorities (by the reporting period of each petition's receipt date). */
export async function prioritised(
  pool: pg.Pool,
  outboxIds: readonly string[],
  periods: PeriodConfig,
  now: Date = new Date(),
): Promise<PushItem[]> {
  const received = await receivedOnOf(pool, outboxIds);
  return outboxIds.map((outboxId) => {
    const on = received.get(outboxId);
    return on === undefined ? { outboxId } : { outboxId, priority: pushPriority(on, now, periods) };
  });
}

/** The submission window as the worker sees it, plus what it learns from refusals. */
export interface WindowGate {
  current(): Promise<WindowState>;
  learn(opensAt: Date | null, message: string): Promise<void>;
}

/** What the push worker calls. */
export interface PushWorkerDeps {
  /** pushSubmission bound to the hub's dependencies. */
  readonly push: (outboxId: string) => Promise<PushOutcome>;
  readonly gate: WindowGate;
  readonly log: Logger;
}

/** Enqueues follow-up steps, gathered into one addBulk per moment. */
type FollowUps = (item: PushItem) => Promise<void>;

function followUpsOn(queue: Queue<PushJobData>): FollowUps {
  const priorities = new Map<string, number | undefined>();
  const adder = createCoalescer<string, true>(
    async (ids) => {
      const items = ids.map((outboxId) => {
        const priority = priorities.get(outboxId);
        priorities.delete(outboxId);
        return priority === undefined ? { outboxId } : { outboxId, priority };
      });
      await addItems(queue, items);
      return new Map(ids.map((id) => [id, true as const]));
    },
    { maxItems: 1000, maxWaitMs: 5, maxInFlight: 1 },
  );
  return async ({ outboxId, priority }) => {
    priorities.set(outboxId, priority);
    await adder.load(outboxId);
  };
}

/** How long to hold the whole queue for a closed window: until it opens, re-checked every minute. */
export function holdMs(w: WindowState, now: number = Date.now()): number {
  const until = w.opensAt === null ? now + 60_000 : w.opensAt.getTime();
  return Math.min(Math.max(until - now, 50), 60_000);
}

async function handle(
  worker: Worker<PushJobData, PushOutcome>,
  deps: PushWorkerDeps & { readonly followUps: FollowUps },
  job: Job<PushJobData>,
  token: string | undefined,
): Promise<PushOutcome> {
  const window = await deps.gate.current();
  if (!window.open) {
    await worker.rateLimit(holdMs(window));
    throw Worker.RateLimitError();
  }
  if (typeof (job.data as Partial<PushJobData> | undefined)?.outboxId !== 'string') {
    // A job hash left without its data by a Redis flush: no retry can help; the reconciler
    // replaces it with a fresh job built from the outbox row.
    throw new UnrecoverableError(`Push job ${job.id ?? '?'} has no outbox id (damaged in Redis)`);
  }
  const outcome = await deps.push(job.data.outboxId);
  switch (outcome.status) {
    case 'acknowledged':
    case 'dead-lettered':
      if (outcome.followUpId !== null) {
        const priority = job.opts.priority;
        await deps.followUps({ outboxId: outcome.followUpId, ...(priority && { priority }) });
      }
      return outcome;
    case 'skipped':
      return outcome;
    case 'busy':
      await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
      throw new DelayedError();
    case 'retry':
      return retry(worker, deps, job, token, outcome);
  }
}

/** Wait when a 429 gave no usable Retry-After (absent, or a date already past on arrival). */
const RATE_LIMITED_WAIT_MS = 1000;

/**
 * How long the national side asked to wait, or null when it did not: a 429 always asks (it is
 * the quota, never the submission, that failed, so it must not cost an attempt).
 */
function waitAsked(outcome: Extract<PushOutcome, { status: 'retry' }>): number | null {
  const asked =
    outcome.retryAfterMs !== null && outcome.retryAfterMs > 0 ? outcome.retryAfterMs : null;
  if (outcome.code !== 'KNTC_NATIONAL_RATE_LIMITED') return asked;
  return asked ?? RATE_LIMITED_WAIT_MS;
}

/**
 * A retry: a closed window or a whole request refused with Retry-After holds the whole queue
 * (the window and the quota are shared); a submission refused alone out of a batch (the quota
 * ran out in its middle) waits its Retry-After by itself while the rest of the queue goes on.
 * Neither costs an attempt. Anything else is retried by BullMQ with backoff and jitter.
 */
async function retry(
  worker: Worker<PushJobData, PushOutcome>,
  deps: PushWorkerDeps,
  job: Job<PushJobData>,
  token: string | undefined,
  outcome: Extract<PushOutcome, { status: 'retry' }>,
): Promise<never> {
  if (outcome.windowClosed) {
    const opensAt = outcome.windowOpensAt === null ? null : new Date(outcome.windowOpensAt);
    await deps.gate.learn(opensAt, `refused ${outcome.code}`);
    await worker.rateLimit(holdMs(await deps.gate.current()));
    throw Worker.RateLimitError();
  }
  const wait = waitAsked(outcome);
  if (wait !== null) {
    if (!outcome.wholeRequest) {
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    await worker.rateLimit(wait);
    throw Worker.RateLimitError();
  }
  // Retryable: BullMQ schedules the next attempt with capped exponential backoff and jitter.
  throw new HubError(
    'KNTC_NATIONAL_UNREACHABLE',
    `Submission of outbox ${job.data.outboxId} will be retried (${outcome.code})`,
    { retryable: true },
  );
}

/** Runs push jobs. */
export function createPushWorker(
  connection: Redis,
  prefix: string,
  tuning: PushTuning,
  deps: PushWorkerDeps,
): Worker<PushJobData, PushOutcome> {
  // The outbound mapping is loaded and checked now, so a broken file stops the hub at start with
  // its file, line and key, rather than failing every push later.
  defaultOutbound();
  const lockMs = (tuning.jobLockSeconds ?? 30) * 1000;
  const producer = newQueue(connection, prefix, tuning);
  const withFollowUps = { ...deps, followUps: followUpsOn(producer) };
  const worker: Worker<PushJobData, PushOutcome> = new Worker<PushJobData, PushOutcome>(
    PUSH_QUEUE,
    (job: Job<PushJobData>, token?: string) => handle(worker, withFollowUps, job, token),
    {
      connection,
      prefix,
      concurrency: slotsOf(tuning),
      limiter: { max: tuning.ratePerSecond, duration: 1000 },
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker was killed several times is taken up again, not failed.
      maxStalledCount: 10,
      settings: {
        backoffStrategy: (attemptsMade: number) => cappedBackoff(tuning.backoffMs, attemptsMade),
      },
    },
  );
  worker.on('error', (err) => deps.log.error({ err: err.message }, 'push worker error'));
  worker.on('closed', () => void producer.close());
  return worker;
}
