/**
 * The pull queue: enqueues sync runs and processes them. BullMQ deduplication by source id keeps
 * at most one pull per source waiting or running (a cron tick during a long run is dropped, and
 * the advisory lock in syncSource is the last guard across processes).
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { SyncOutcome } from '../pipeline/sync-source.ts';
import type { RunTrigger } from '../store/index.ts';
import { PULL_QUEUE, type PullJobData } from './names.ts';

/** Producer side of the pull queue. */
export interface PullQueue {
  readonly queue: Queue<PullJobData>;
  /** Enqueues a pull unless one for this source is already waiting or running; returns the job id or null. */
  enqueue(sourceId: string, trigger: RunTrigger, requestId?: string): Promise<string | null>;
  close(): Promise<void>;
}

/** Creates the producer side. */
export function createPullQueue(connection: Redis, prefix: string): PullQueue {
  const queue = new Queue<PullJobData>(PULL_QUEUE, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 3,
      backoff: { type: 'exponential', delay: 10_000, jitter: 0.5 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600, count: 5000 },
    },
  });
  return {
    queue,
    async enqueue(sourceId, trigger, requestId) {
      const data: PullJobData =
        requestId === undefined ? { sourceId, trigger } : { sourceId, trigger, requestId };
      const dedupId = `pull:${sourceId}`;
      // add() answers with the existing job when deduplicated; ask first to tell the caller.
      if ((await queue.getDeduplicationJobId(dedupId)) !== null) return null;
      const job = await queue.add(dedupId, data, { deduplication: { id: dedupId } });
      return job.id ?? null;
    },
    close: () => queue.close(),
  };
}

/** Runs sync jobs; `run` is syncSource bound to the hub's dependencies. */
export function createPullWorker(
  connection: Redis,
  prefix: string,
  run: (data: PullJobData, signal: AbortSignal) => Promise<SyncOutcome>,
  log: Logger,
): Worker<PullJobData, SyncOutcome> {
  const worker = new Worker<PullJobData, SyncOutcome>(
    PULL_QUEUE,
    (job: Job<PullJobData>, _token?: string, signal?: AbortSignal) =>
      run(job.data, signal ?? new AbortController().signal),
    // Two different sources may pull at once; one source never runs twice (dedup + advisory lock).
    // The lock is renewed every lockDuration/2 while a pull runs; if the process dies, another
    // worker (or the restarted one) takes the pull over within about lockDuration + stalledInterval.
    { connection, prefix, concurrency: 2, lockDuration: 15_000, stalledInterval: 10_000 },
  );
  worker.on('failed', (job, err) =>
    log.warn({ sourceId: job?.data.sourceId, jobId: job?.id }, `pull job failed: ${err.message}`),
  );
  worker.on('error', (err) => log.error({ err: err.message }, 'pull worker error'));
  return worker;
}
