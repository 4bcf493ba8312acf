// The overview's national window panel on the dashboard fixture: the national window (learned
// closures, or what the hub passes in deps.national), one row per reporting period with its
// window, what was sent in it, and the pending submissions of the period and whether they are at
// risk. The fixture's petition QN-2 (received 2026-01-05) is still pending; QN-1 was acknowledged
// today. The pending figures are read from a bounded sample and say so when it overflows.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Petition } from '../../src/core/petition-schema.ts';
import { registerDashboard } from '../../src/http/dashboard/index.ts';
import { vnDay } from '../../src/http/dashboard/overview-model.ts';
import { PENDING_CAP, type WindowPanel } from '../../src/http/dashboard/overview-windows.ts';
import { DEFAULT_PERIODS, periodOf } from '../../src/national/periods.ts';
import { commitBatch, finishRun, startRun, upsertSources } from '../../src/store/index.ts';
import { learnClosure } from '../../src/store/window-state-repo.ts';
import { signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';

let f: DashboardFixture;
const TODAY = vnDay(new Date());
const CURRENT = periodOf(TODAY).key;
const FIXTURE_PERIOD = periodOf('2026-01-05').key;

beforeAll(async () => {
  f = await startDashboard();
});
afterAll(async () => f.close());

async function overview(app = f.app) {
  const s = await signIn(app, 'viewer');
  const headers = { cookie: s.cookie };
  const page = await app.inject({ url: '/', headers: { ...headers, accept: 'text/html' } });
  const api = await app.inject({ url: '/api/v1/dashboard/overview', headers });
  return { body: page.body, windows: api.json<{ windows: WindowPanel }>().windows };
}

function periodRow(body: string, key: string): string {
  return new RegExp(`<tr data-period="${key}"[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';
}

describe('national window panel', () => {
  it('shows the window and each period: sent in it, pending of it, at risk', async () => {
    const { body, windows } = await overview();
    expect(body).toContain('id="windows"');
    expect(body).toMatch(/id="national-window" data-open="true"/);
    expect(windows.national).toMatchObject({ open: true, reason: 'always' });
    const keys = windows.periods.map((p) => p.key);
    expect(keys).toContain(CURRENT);
    expect(keys).toContain(FIXTURE_PERIOD);
    expect(keys).toEqual(
      [...keys].sort((a, b) => {
        const at = (k: string) => windows.periods.find((p) => p.key === k)?.cutoff ?? '';
        return at(a).localeCompare(at(b));
      }),
    );
    const current = windows.periods.find((p) => p.key === CURRENT);
    expect(current?.acknowledged).toBe(1);
    const fixture = windows.periods.find((p) => p.key === FIXTURE_PERIOD);
    expect(fixture).toMatchObject({ pending: 1, atRisk: 1, state: 'closed' });
    expect(windows.complete).toBe(true);
    expect(windows.pendingTotal).toBe(1);
    const row = periodRow(body, FIXTURE_PERIOD);
    expect(row).toContain('data-window="closed"');
    expect(row).toContain('data-at-risk="1"');
    expect(body).not.toContain('data-partial');
  });

  it('shows a closure learned from a national refusal', async () => {
    const until = new Date(Date.now() + 6 * 3600_000);
    await learnClosure(f.pool, until, 'WINDOW_CLOSED');
    const { body, windows } = await overview();
    expect(windows.national).toEqual({
      open: false,
      reason: 'learned',
      opensAt: until.toISOString(),
      closesAt: null,
    });
    expect(body).toMatch(/id="national-window" data-open="false"/);
    expect(body).toContain('CSDL quốc gia đang đóng');
  });

  it('uses the periods, horizon and window the hub passes in deps.national', async () => {
    const app = Fastify({ logger: false });
    const closesAt = new Date(Date.now() + 3600_000);
    await app.register(registerDashboard, {
      pool: f.pool,
      syncNow: () => Promise.resolve(null),
      cookieSecure: false,
      national: {
        periods: { ...DEFAULT_PERIODS, windowCloseDays: 400 },
        atRiskHours: 1,
        window: () => Promise.resolve({ open: true, reason: 'schedule', closesAt, opensAt: null }),
      },
    });
    await app.ready();
    const { windows } = await overview(app);
    expect(windows.national).toMatchObject({
      reason: 'schedule',
      closesAt: closesAt.toISOString(),
    });
    expect(windows.atRiskHours).toBe(1);
    // With windows open 400 days after the cut-off, the fixture's period is still open: not at risk.
    expect(windows.periods.find((p) => p.key === FIXTURE_PERIOD)).toMatchObject({
      state: 'open',
      pending: 1,
      atRisk: 0,
    });
    await app.close();
  });

  it('reads a bounded number of pending submissions and says when figures are lower bounds', async () => {
    const n = PENDING_CAP + 20;
    await upsertSources(f.pool, [
      { id: 'bulk-src', name: 'Bulk', kind: 'rest-json', enabled: true },
    ]);
    const runId = await startRun(f.pool, 'bulk-src', 'manual');
    const ids = Array.from({ length: n }, (_, i) => `B-${i}`);
    const record = (id: string): Petition => ({
      schemaVersion: '1.0',
      provenance: { source: 'bulk-src', sourceRecordId: id },
      receipt: { receivedAt: TODAY, agency: { code: 'UBND-B' }, channel: 'POST' },
      petitioners: [{ kind: 'PERSON', name: 'Lê Thị Thử' }],
      signerCount: 1,
      kind: 'KNPA',
      content: { summary: 'Phản ánh' },
      confidentiality: { protectIdentity: false },
    });
    await commitBatch(f.pool, {
      runId,
      sourceId: 'bulk-src',
      cursor: { modifiedSince: `${TODAY}T00:00:00Z` },
      raws: ids.map((id, i) => ({
        sourceRecordId: id,
        payload: { id },
        bytesHash: i.toString(16).padStart(64, '0'),
      })),
      petitions: ids.map((id, i) => ({
        sourceRecordId: id,
        record: record(id),
        contentHash: i.toString(16).padStart(64, 'a'),
        mappingVersion: 'bulk-src@1',
        kind: 'KNPA',
        receivedOn: TODAY,
      })),
      rejections: [],
    });
    await finishRun(f.pool, runId, { status: 'succeeded' });
    const { body, windows } = await overview();
    expect(windows.complete).toBe(false);
    expect(windows.pendingTotal).toBe(n + 1);
    const sampled = windows.periods.reduce((s, p) => s + p.pending, 0);
    expect(sampled).toBe(PENDING_CAP);
    expect(body).toContain('data-partial="true"');
    expect(periodRow(body, CURRENT)).toContain('≥');
  });
});
