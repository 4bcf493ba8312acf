// Queue guarantees on the real Redis and PostgreSQL: one pull per source at a time, job payloads
// with ids only, and the outbox as the truth that survives a Redis flush.
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSource } from '../../src/pipeline/sync-source.ts';
import { createPullQueue } from '../../src/queue/pull-queue.ts';
import { loadMappings } from '../../src/app/hub.ts';
import { adapterFor } from '../../adapters/index.ts';
import type { SourceStatus } from '../../src/store/index.ts';
import { startTestHub, waitFor, type TestHub } from '../helpers/hub.ts';
import { createTestPrefix, TEST_REDIS_URL } from '../helpers/redis.ts';

describe('queues', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub({ records: 150, roles: ['api', 'worker'], seed: 5 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('never runs two pulls of one source at once', async () => {
    const mappings = await loadMappings(t.config);
    const source = t.config.sources[0]!;
    const deps = {
      pool: t.pool,
      adapterFor,
      mappingFor: (id: string) => mappings.get(id)!,
      log: pino({ level: 'silent' }),
      onCommitted: () => Promise.resolve(),
    };
    const signal = new AbortController().signal;
    const outcomes = await Promise.all([
      syncSource(deps, source, 'manual', signal),
      syncSource(deps, source, 'manual', signal),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['skipped', 'succeeded']);
  });

  it('deduplicates queued pulls of one source and carries ids only', async () => {
    const { prefix, cleanup } = createTestPrefix();
    const conn = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const q = createPullQueue(conn, prefix);
    try {
      const first = await q.enqueue('quynhon-web', 'schedule');
      expect(first).not.toBeNull();
      expect(await q.enqueue('quynhon-web', 'manual')).toBeNull();
      const jobs = await q.queue.getJobs(['waiting', 'prioritized', 'delayed']);
      expect(jobs).toHaveLength(1);
      expect(Object.keys(jobs[0]!.data as object).sort()).toEqual(['sourceId', 'trigger']);
    } finally {
      await q.close();
      conn.disconnect();
      await cleanup();
    }
  });
});

describe('outbox recovery', () => {
  let t: TestHub;
  const count = async (sql: string): Promise<number> =>
    Number((await t.pool.query<{ n: string }>(sql)).rows[0]?.n);

  beforeAll(async () => {
    t = await startTestHub({ records: 150, roles: ['api', 'worker'], seed: 6 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('loses nothing when Redis is flushed mid-run: the reconciler re-enqueues from the outbox', async () => {
    // Slow the national side so the flush lands while submissions are still queued.
    t.national.simulator.setFaults({ latencyMs: 40 });
    const redis = new Redis(TEST_REDIS_URL);
    try {
      await t.hub.app!.inject({ method: 'POST', url: '/api/v1/sources/quynhon-web/sync' });
      await waitFor(
        async () =>
          (await count("SELECT count(*) AS n FROM outbox WHERE status = 'acknowledged'")) > 5,
        20_000,
        'some acknowledgements',
      );
      const keys = await redis.keys(`${t.prefix}:push:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      t.national.simulator.setFaults({ latencyMs: 0 });
      await waitFor(
        async () =>
          (await count("SELECT count(*) AS n FROM outbox WHERE status = 'pending'")) === 0,
        30_000,
        'the outbox to drain after the flush',
      );
      const petitions = await count('SELECT count(*) AS n FROM petitions');
      // Every petition reached the national database as a case, whatever stages followed.
      expect(
        await count('SELECT count(*) AS n FROM petitions WHERE national_case_id IS NOT NULL'),
      ).toBe(petitions);
      const stats = (await t.national.inject({ method: 'GET', url: '/stats' })).json<{
        cases: number;
        duplicateCases: number;
      }>();
      expect(stats.cases).toBe(petitions);
      expect(stats.duplicateCases).toBe(0);
      const [status] = (await t.hub.app!.inject({ method: 'GET', url: '/api/v1/sources' })).json<
        SourceStatus[]
      >();
      expect(status?.counts.pending).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
