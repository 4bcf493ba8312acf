/**
 * The push queue: one job per outbox entry (job id = outbox id, so an entry never has two live
 * jobs), exponential backoff with jitter, one rate limit for the national endpoint matched to its
 * quota, and priorities so what belongs to the reporting period about to close goes first. The
 * quota and the submission window are shared by every job, so a 429's Retry-After and a closed
 * window pause the whole queue (worker.rateLimit) rather than one job; held jobs lose no attempt.
 */
import { DelayedError, Queue, Worker, type Job, UnrecoverableError } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { HubError } from '../lib/errors.ts';
import { pushPriority, type PeriodConfig } from '../national/periods.ts';
import type { WindowState } from '../national/windows.ts';
import type { PushOutcome } from '../pipeline/push-submission.ts';
import { receivedOnOf } from '../store/outbox-repo.ts';
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

/** Creates the producer side. */
export function createPushQueue(connection: Redis, prefix: string, tuning: PushTuning): PushQueue {
  const queue = new Queue<PushJobData>(PUSH_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: tuning.attempts,
      backoff: { type: 'exponential', delay: tuning.backoffMs, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    },
  });
  return {
    queue,
    async enqueue(items) {
      if (items.length === 0) return;
      await queue.addBulk(
        items.map((item) => {
          const { outboxId, priority } = typeof item === 'string' ? { outboxId: item } : item;
          const opts = { jobId: pushJobId(outboxId), ...(priority !== undefined && { priority }) };
          return { name: 'push', data: { outboxId }, opts };
        }),
      );
    },
    close: () => queue.close(),
  };
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
  /** Enqueues the next step of a petition after an acknowledgement. */
  readonly followUp: (outboxId: string) => Promise<void>;
  readonly log: Logger;
}

/** How long to hold the whole queue for a closed window: until it opens, re-checked every minute. */
export function holdMs(w: WindowState, now: number = Date.now()): number {
  const until = w.opensAt === null ? now + 60_000 : w.opensAt.getTime();
  return Math.min(Math.max(until - now, 50), 60_000);
}

async function handle(
  worker: Worker<PushJobData, PushOutcome>,
  deps: PushWorkerDeps,
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
      if (outcome.followUpId !== null) await deps.followUp(outcome.followUpId);
      return outcome;
    case 'skipped':
    case 'dead-lettered':
      return outcome;
    case 'busy':
      await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
      throw new DelayedError();
    case 'retry':
      return retry(worker, deps, job, outcome);
  }
}

async function retry(
  worker: Worker<PushJobData, PushOutcome>,
  deps: PushWorkerDeps,
  job: Job<PushJobData>,
  outcome: Extract<PushOutcome, { status: 'retry' }>,
): Promise<never> {
  if (outcome.windowClosed) {
    const opensAt = outcome.windowOpensAt === null ? null : new Date(outcome.windowOpensAt);
    await deps.gate.learn(opensAt, `refused ${outcome.code}`);
    await worker.rateLimit(holdMs(await deps.gate.current()));
    throw Worker.RateLimitError();
  }
  if (outcome.retryAfterMs !== null && outcome.retryAfterMs > 0) {
    await worker.rateLimit(outcome.retryAfterMs);
    throw Worker.RateLimitError();
  }
  // Retryable: BullMQ schedules the next attempt with exponential backoff and jitter.
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
  const lockMs = (tuning.jobLockSeconds ?? 30) * 1000;
  const worker: Worker<PushJobData, PushOutcome> = new Worker<PushJobData, PushOutcome>(
    PUSH_QUEUE,
    (job: Job<PushJobData>, token?: string) => handle(worker, deps, job, token),
    {
      connection,
      prefix,
      concurrency: tuning.concurrency,
      limiter: { max: tuning.ratePerSecond, duration: 1000 },
      lockDuration: lockMs,
      stalledInterval: lockMs,
      // A job whose worker was killed several times is taken up again, not failed.
      maxStalledCount: 10,
    },
  );
  worker.on('error', (err) => deps.log.error({ err: err.message }, 'push worker error'));
  return worker;
}
