import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ApiDeps } from '../../../src/http/app.ts';
import { createMetrics } from '../../../src/observability/metrics.ts';
import type { SourceStatus } from '../../../src/store/index.ts';

const status: SourceStatus = {
  id: 'quynhon-web',
  name: 'Quy Nhơn',
  kind: 'rest-json',
  enabled: true,
  paused: false,
  state: 'healthy',
  lastRun: {
    id: '7',
    status: 'succeeded',
    trigger: 'schedule',
    startedAt: '2026-11-21T01:00:00.000Z',
    finishedAt: '2026-11-21T01:00:03.000Z',
    errorCode: null,
    errorMessage: null,
  },
  lastSuccessAt: '2026-11-21T01:00:03.000Z',
  counts: {
    pulled: 300,
    stored: 290,
    rejected: 10,
    pushed: 290,
    acknowledged: 288,
    deadLettered: 0,
    pending: 2,
  },
  cursor: { modifiedSince: '2026-11-21T08:00:00+07:00', lastId: 'QN-2026-000300' },
};

function deps(over: Partial<ApiDeps> = {}): ApiDeps {
  const metrics = createMetrics(undefined, false);
  metrics.pushes.inc({ outcome: 'acknowledged' }, 3);
  return {
    log: pino({ level: 'silent' }),
    registry: metrics.registry,
    checks: {
      database: async () => {},
      redis: async () => {},
      pendingMigrations: () => Promise.resolve([]),
    },
    listSources: () => Promise.resolve([status]),
    syncNow: () => Promise.resolve('job-1'),
    ...over,
  };
}

describe('HTTP API', () => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    app = await buildApp(deps());
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET /health answers ok', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready is 200 when everything is reachable and migrated', async () => {
    const res = await app.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      ready: true,
      checks: {
        database: { ok: true },
        redis: { ok: true },
        migrations: { ok: true, pending: [] },
      },
    });
  });

  it('GET /ready is 503 and says why when Redis is down or migrations are pending', async () => {
    const down = await buildApp(
      deps({
        checks: {
          database: async () => {},
          redis: () => Promise.reject(new Error('Cannot reach Redis at redis://127.0.0.1:6399')),
          pendingMigrations: () => Promise.resolve(['002_x']),
        },
      }),
    );
    const res = await down.inject({ method: 'GET', url: '/ready' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      ready: false,
      checks: {
        redis: { ok: false, error: expect.stringContaining('6399') as unknown },
        migrations: { ok: false, pending: ['002_x'] },
      },
    });
    await down.close();
  });

  it('GET /api/v1/sources lists state, runs and counts', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/sources' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([status]);
  });

  it('POST /api/v1/sources/:id/sync queues a run, and 404s an unknown source with a code', async () => {
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/sources/quynhon-web/sync' })).json(),
    ).toEqual({ jobId: 'job-1', alreadyQueued: false });
    const res = await app.inject({ method: 'POST', url: '/api/v1/sources/nope/sync' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      code: 'KNTC_SOURCE_UNKNOWN',
      hint: expect.any(String) as unknown,
    });
  });

  it('GET /metrics exposes Prometheus text', async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('kntc_push_total{outcome="acknowledged"} 3');
  });

  it('serves an OpenAPI document built from the route schemas', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/ready',
        '/api/v1/sources',
        '/api/v1/sources/{id}/sync',
        '/metrics',
      ]),
    );
  });
});
