/**
 * Starts the hub's roles in one process: `api` (HTTP), `worker` (pull and push workers plus the
 * outbox reconciler) and `scheduler` (cron triggers and catch-up). Any subset can run, so a
 * province can scale workers separately. Sources come from the deployment file and the sources
 * console (src/sources/registry.ts): workers look a source up at job time and the scheduler
 * re-reads them periodically, so console changes need no restart. close() stops intake first,
 * then lets running jobs finish within a deadline.
 */
import type { FastifyInstance } from 'fastify';
import type { Worker } from 'bullmq';
import type pg from 'pg';
import type { Logger } from 'pino';
import { ADAPTERS, adapterFor } from '../../adapters/index.ts';
import type { HubConfig } from '../config/load-config.ts';
import type { Settings } from '../config/settings.ts';
import { buildApp } from '../http/app.ts';
import { loadMappingFile, type CompiledMapping } from '../mapping/index.ts';
import { createNationalClient } from '../national/client.ts';
import { pushSettings } from '../national/push-settings.ts';
import { createMetrics } from '../observability/metrics.ts';
import { pushSubmission, type PushOutcome } from '../pipeline/push-submission.ts';
import { createPullQueue, createPullWorker } from '../queue/pull-queue.ts';
import { createPushQueue, createPushWorker, prioritised } from '../queue/push-queue.ts';
import { startReconciler } from '../queue/reconciler.ts';
import { checkRedis, producerConnection, workerConnection } from '../queue/redis.ts';
import { startScheduler } from '../scheduler/scheduler.ts';
import { createSourcesConsole } from '../sources/console-service.ts';
import { deadlinesDir, projectRoot } from '../sources/paths.ts';
import { registryPuller } from '../sources/pull-source.ts';
import { keepFresh, SourceRegistry } from '../sources/registry.ts';
import { SecretStore } from '../sources/secret-store.ts';
import { loadDeadlineConfig } from '../store/deadlines-repo.ts';
import { DedupService, dedupAfterCommit } from '../dedup/service.ts';
import {
  checkConnection,
  failStaleRuns,
  lastRunStartedAt,
  listSourceStatus,
  pendingMigrations,
  upsertSources,
} from '../store/index.ts';
import { createWindowGate } from '../store/window-state-repo.ts';
import { withDeadline } from './shutdown.ts';

/** A role the process can play. */
export type Role = 'api' | 'worker' | 'scheduler';
/** All roles, in start order. */
export const ALL_ROLES: readonly Role[] = ['worker', 'scheduler', 'api'];

/** A running hub. */
export interface RunningHub {
  readonly app: FastifyInstance | null;
  /** The API's address, e.g. http://127.0.0.1:3000, when the api role runs. */
  readonly url: string | null;
  close(deadlineMs?: number): Promise<void>;
}

/** Loads every enabled source's mapping once, failing with the file, line and key at fault. */
export async function loadMappings(config: HubConfig): Promise<Map<string, CompiledMapping>> {
  const entries = await Promise.all(
    config.sources.map(async (s) => [s.id, await loadMappingFile(s.mappingPath)] as const),
  );
  return new Map(entries);
}

/** Options of startHub. */
export interface StartOptions {
  /** Accounts and dashboard pages guarding every route (default true; false only in API tests). */
  readonly dashboard?: boolean;
  /** How often the scheduler and the dashboard re-read console sources (default 30 s). */
  readonly sourcesRefreshMs?: number;
}

/** Starts the given roles against an open, migrated database pool. */
export async function startHub(
  settings: Settings,
  config: HubConfig,
  pool: pg.Pool,
  roles: ReadonlySet<Role>,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningHub> {
  await upsertSources(
    pool,
    config.sources.map((s) => ({ id: s.id, name: s.name, kind: s.adapter, enabled: s.enabled })),
  );
  const secrets = new SecretStore(pool, settings.secretsKey ?? null, settings.sourceSecretEnv);
  const root = projectRoot(config.file);
  const registry = new SourceRegistry({ pool, fileSources: config.sources, root, secrets, log });
  await registry.preloadFileMappings();
  await registry.refresh();
  const refreshMs = options.sourcesRefreshMs ?? 30_000;
  const producer = producerConnection(settings.redisUrl);
  producer.on('error', (err) => log.warn({ err: err.message }, 'Redis producer connection error'));
  const pullQueue = createPullQueue(producer, settings.queuePrefix);
  const pushQueue = createPushQueue(producer, settings.queuePrefix, config.push);
  const metrics = createMetrics(async () => ({
    pull: await pullQueue.queue.getJobCounts(),
    push: await pushQueue.queue.getJobCounts(),
  }));
  const stoppers: (() => Promise<void>)[] = [];
  const workers: Worker[] = [];
  const push = pushSettings(config);
  const enqueueOutbox = async (ids: readonly string[]): Promise<void> =>
    pushQueue.enqueue(await prioritised(pool, ids, push.periods));
  const gate = createWindowGate(pool, push.windows, (w) => {
    metrics.windowOpen.reset();
    metrics.windowOpen.set({ reason: w.reason }, w.open ? 1 : 0);
  });

  if (roles.has('worker')) {
    const staleRuns = await failStaleRuns(pool);
    if (staleRuns > 0)
      log.warn({ staleRuns }, 'marked runs interrupted by a previous crash as failed');
    const dedup = await DedupService.open(pool, log.child({ component: 'dedup' }));
    const syncDeps = {
      pool,
      adapterFor,
      log,
      // Dedup first, so a duplicate's link to its case is set before its submission is stamped.
      onCommitted: async (ids: readonly string[]) => {
        await dedupAfterCommit(dedup, ids);
        await enqueueOutbox(ids);
      },
      onPage: (
        sourceId: string,
        c: { pulled: number; inserted: number; updated: number; rejected: number },
      ) => {
        metrics.recordsPulled.inc({ source: sourceId }, c.pulled);
        metrics.recordsStored.inc({ source: sourceId, change: 'inserted' }, c.inserted);
        metrics.recordsStored.inc({ source: sourceId, change: 'updated' }, c.updated);
        metrics.recordsRejected.inc({ source: sourceId }, c.rejected);
      },
    };
    const pullConn = workerConnection(settings.redisUrl);
    workers.push(
      createPullWorker(pullConn, settings.queuePrefix, registryPuller(registry, syncDeps), log),
    );
    const client = createNationalClient(
      {
        baseUrl: config.national.baseUrl,
        clientId: config.national.clientId,
        secret: config.national.secret,
        timeoutMs: config.national.timeoutMs,
      },
      log,
    );
    const pushConn = workerConnection(settings.redisUrl);
    const leaseMs = config.national.timeoutMs * 2 + 5_000;
    workers.push(
      createPushWorker(pushConn, settings.queuePrefix, config.push, {
        push: async (outboxId: string) => {
          const end = metrics.pushLatency.startTimer();
          const outcome = await pushSubmission({ pool, client, log, leaseMs }, outboxId);
          end({ outcome: outcome.status });
          metrics.pushes.inc({ outcome: outcome.status });
          metrics.pushAttempts.inc(attemptLabels(outcome));
          return outcome;
        },
        gate,
        log,
      }),
    );
    const stopReconciler = startReconciler(
      pool,
      pushQueue.queue,
      producer,
      config.push.reconcileEverySeconds,
      log,
      enqueueOutbox,
      config.push.reconcileEverySeconds * 5_000,
    );
    stoppers.push(() => Promise.resolve(stopReconciler()));
    stoppers.push(async () => {
      await Promise.all(workers.map((w) => w.close()));
      client.close();
      pullConn.disconnect();
      pushConn.disconnect();
    });
  }

  if (roles.has('scheduler')) {
    const stop = await startScheduler(() => registry.list(), {
      enqueue: (id, trigger) => pullQueue.enqueue(id, trigger),
      lastRunStartedAt: (id) => lastRunStartedAt(pool, id),
      log,
      refreshMs,
    });
    stoppers.unshift(stop);
  } else if (roles.has('api')) {
    stoppers.unshift(keepFresh(registry, refreshMs, log));
  }

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (roles.has('api')) {
    app = await buildApp({
      log,
      registry: metrics.registry,
      checks: {
        database: () => checkConnection(pool),
        redis: () => checkRedis(settings.redisUrl),
        pendingMigrations: () => pendingMigrations(pool, settings.databaseSchema),
      },
      listSources: () => listSourceStatus(pool),
      syncNow: (id) => pullQueue.enqueue(id, 'manual'),
      review: { pool },
      ...(options.dashboard === false
        ? {}
        : {
            dashboard: {
              pool,
              syncNow: (id: string) => pullQueue.enqueue(id, 'manual'),
              schedules: registry.schedules,
              sourcesConsole: createSourcesConsole({
                pool,
                registry,
                secrets,
                adapters: ADAPTERS,
                root,
                configFile: config.file,
                dropRoot: settings.dropRoot,
                log,
              }),
              deadlines: await loadDeadlineConfig(await deadlinesDir(config.file)),
              enqueueOutbox,
              national: {
                periods: push.periods,
                atRiskHours: config.national.atRiskHours,
                window: () => gate.current(),
              },
              queues: [pullQueue.queue, pushQueue.queue],
              checks: {
                database: () => checkConnection(pool),
                redis: () => checkRedis(settings.redisUrl),
                pendingMigrations: () => pendingMigrations(pool, settings.databaseSchema),
              },
              cookieSecure: settings.cookieSecure ?? 'auto',
            },
          }),
      submissions: {
        pool,
        periods: push.periods,
        atRiskHours: config.national.atRiskHours,
        window: () => gate.current(),
        enqueue: enqueueOutbox,
      },
    });
    url = await app.listen({ host: settings.host, port: settings.port });
    const a = app;
    stoppers.unshift(() => a.close());
  }

  return {
    app,
    url,
    async close(deadlineMs = 20_000) {
      await withDeadline(
        (async () => {
          for (const stop of stoppers) await stop();
        })(),
        deadlineMs,
        () =>
          log.warn(
            { deadlineMs },
            'shutdown deadline passed; stopping anyway (running jobs will be retried)',
          ),
      );
      await Promise.allSettled([pullQueue.close(), pushQueue.close()]);
      producer.disconnect();
    },
  };
}

/** Labels of the attempts counter: stage when acknowledged, the error code on a retry. */
function attemptLabels(o: PushOutcome): { stage: string; result: string } {
  switch (o.status) {
    case 'acknowledged':
      return { stage: String(o.stage), result: o.duplicate ? 'duplicate' : 'acknowledged' };
    case 'retry':
    case 'dead-lettered':
      return { stage: '', result: o.code };
    case 'skipped':
    case 'busy':
      return { stage: '', result: o.status };
  }
}
