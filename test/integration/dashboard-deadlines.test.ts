// The deadlines page on the dashboard fixture: the fixture's petitions (received 2026-01-05, never
// handled) are overdue; one petition received today is due soon only within a wide horizon.
// Rows carry the rule, its legal basis, the day kind and a link to the petition, never an
// identity. The rules come from deps.deadlines when given, else from config/deadlines.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Petition } from '../../src/core/petition-schema.ts';
import { registerDashboard } from '../../src/http/dashboard/index.ts';
import { vnDay } from '../../src/http/dashboard/overview-model.ts';
import { LISTED } from '../../src/http/dashboard/pages/deadlines.ts';
import { loadDeadlineConfig } from '../../src/store/deadlines-repo.ts';
import { commitBatch, finishRun, startRun, upsertSources } from '../../src/store/index.ts';
import { PLANTED, signIn, startDashboard, type DashboardFixture } from './dashboard-fixture.ts';

let f: DashboardFixture;
let todayHubId = '';
const TODAY = vnDay(new Date());

function fresh(id: string, receivedAt = TODAY, agency = 'UBND-X', unitCode = '21583'): Petition {
  return {
    schemaVersion: '1.0',
    provenance: { source: 'deadline-src', sourceRecordId: id },
    receipt: { receivedAt, agency: { code: agency, unitCode }, channel: 'POST' },
    petitioners: [{ kind: 'PERSON', name: PLANTED.open.name, phone: PLANTED.open.phone }],
    signerCount: 1,
    kind: 'KNPA',
    content: { summary: 'Phản ánh đường hỏng' },
    confidentiality: { protectIdentity: false },
  };
}

beforeAll(async () => {
  f = await startDashboard();
  await upsertSources(f.pool, [
    { id: 'deadline-src', name: 'UBND xã X', kind: 'rest-json', enabled: true },
  ]);
  const runId = await startRun(f.pool, 'deadline-src', 'manual');
  await commitBatch(f.pool, {
    runId,
    sourceId: 'deadline-src',
    cursor: { modifiedSince: `${TODAY}T00:00:00Z` },
    raws: [{ sourceRecordId: 'D-1', payload: { so: 'D-1' }, bytesHash: 'f'.repeat(64) }],
    petitions: [
      {
        sourceRecordId: 'D-1',
        record: fresh('D-1'),
        contentHash: '1'.repeat(64),
        mappingVersion: 'deadline-src@1',
        kind: 'KNPA',
        receivedOn: TODAY,
      },
    ],
    rejections: [],
  });
  await finishRun(f.pool, runId, { status: 'succeeded' });
  const { rows } = await f.pool.query<{ hub_id: string }>(
    `SELECT hub_id::text AS hub_id FROM petitions WHERE source_id = 'deadline-src'`,
  );
  todayHubId = rows[0]?.hub_id ?? '';
});
afterAll(async () => f.close());

async function get(role: 'admin' | 'inspector' | 'viewer', url: string) {
  const s = await signIn(f.app, role);
  return f.app.inject({ url, headers: { cookie: s.cookie, accept: 'text/html' } });
}

function rowsOf(body: string): { hub: string; step: string; status: string; html: string }[] {
  return [
    ...body.matchAll(
      /<tr data-hub="([^"]+)" data-step="([^"]+)" data-status="([^"]+)">([\s\S]*?)<\/tr>/g,
    ),
  ].map((m) => ({ hub: m[1] ?? '', step: m[2] ?? '', status: m[3] ?? '', html: m[4] ?? '' }));
}

describe('deadlines page', () => {
  it('lists overdue petitions by unit with the rule, its basis and a petition link, to any role', async () => {
    for (const role of ['viewer', 'inspector', 'admin'] as const) {
      const res = await get(role, '/deadlines');
      expect(res.statusCode).toBe(200);
      const rows = rowsOf(res.body);
      const handle = rows.find((r) => r.hub === f.protectedHubId && r.step === 'handle');
      expect(handle?.status).toBe('overdue');
      expect(handle?.html).toContain('Thông tư 05/2021/TT-TTCP');
      expect(handle?.html).toContain('2026-01-05');
      expect(handle?.html).toContain('ngày làm việc');
      expect(handle?.html).toContain(`href="/petitions/${f.protectedHubId}"`);
      const accept = rows.find((r) => r.hub === f.openHubId && r.step === 'accept-complaint');
      expect(accept?.html).toContain('Luật Khiếu nại 2011');
      expect(accept?.html).toMatch(/data-days-left="-\d+">\s*quá \d+\s+ngày\s*</);
      expect(rows.some((r) => r.hub === todayHubId)).toBe(false);
      expect(res.body).toContain('id="by-unit"');
      expect(res.body).toContain('href="/deadlines"');
      for (const s of [PLANTED.protected.name, PLANTED.protected.cccd, PLANTED.open.name]) {
        expect(res.body).not.toContain(s);
      }
    }
  });

  it('filters by unit, by status and by horizon', async () => {
    const wide = rowsOf((await get('viewer', '/deadlines?status=due-soon&horizon=15')).body);
    expect(wide.map((r) => `${r.hub} ${r.status}`)).toEqual([`${todayHubId} due-soon`]);
    const overdue = rowsOf((await get('viewer', '/deadlines?status=overdue&horizon=15')).body);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((r) => r.status === 'overdue')).toBe(true);
    const unit = rowsOf((await get('viewer', '/deadlines?unit=21583&horizon=15')).body);
    expect(unit.map((r) => r.hub)).toEqual([todayHubId]);
    const none = await get('viewer', '/deadlines?unit=NO-SUCH-UNIT');
    expect(none.body).toContain('id="deadlines-none"');
  });

  it('speaks English on ?lang=en', async () => {
    const res = await get('viewer', '/deadlines?lang=en');
    expect(res.body).toContain('<h1>Petitions near or past their deadline</h1>');
    expect(res.body).toContain('Handle the petition');
  });

  it('answers the same as JSON', async () => {
    const s = await signIn(f.app, 'viewer');
    const res = await f.app.inject({
      url: '/api/v1/deadlines?status=overdue',
      headers: { cookie: s.cookie, accept: 'application/json' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ today: string; items: { hubId: string; basis: string }[] }>();
    expect(body.today).toBe(TODAY);
    expect(body.items.map((i) => i.hubId)).toContain(f.openHubId);
  });

  it('uses the rules the hub passes in deps.deadlines', async () => {
    const bundled = await loadDeadlineConfig('config/deadlines');
    const rules = bundled.rules.map((r) =>
      r.id === 'handle' ? { ...r, basis: 'Quy định thử nghiệm số 1' } : r,
    );
    const app = Fastify({ logger: false });
    await app.register(registerDashboard, {
      pool: f.pool,
      syncNow: () => Promise.resolve(null),
      cookieSecure: false,
      deadlines: { rules, calendar: bundled.calendar },
    });
    await app.ready();
    const s = await signIn(app, 'viewer');
    const res = await app.inject({ url: '/deadlines', headers: { cookie: s.cookie } });
    expect(res.body).toContain('Quy định thử nghiệm số 1');
    await app.close();
  });

  it('lists at most LISTED rows, keeping the page under 200 KB, and counts every unit', async () => {
    const n = LISTED + 60;
    const runId = await startRun(f.pool, 'deadline-src', 'manual');
    const ids = Array.from({ length: n }, (_, i) => `OLD-${i}`);
    await commitBatch(f.pool, {
      runId,
      sourceId: 'deadline-src',
      cursor: { modifiedSince: `${TODAY}T00:00:00Z` },
      raws: ids.map((id, i) => ({
        sourceRecordId: id,
        payload: { so: id },
        bytesHash: i.toString(16).padStart(64, 'c'),
      })),
      petitions: ids.map((id, i) => ({
        sourceRecordId: id,
        record: fresh(id, '2026-03-02', 'UBND-OLD', '21584'),
        contentHash: i.toString(16).padStart(64, 'b'),
        mappingVersion: 'deadline-src@1',
        kind: 'KNPA',
        receivedOn: '2026-03-02',
      })),
      rejections: [],
    });
    await finishRun(f.pool, runId, { status: 'succeeded' });
    const res = await get('viewer', '/deadlines?unit=UBND-OLD');
    expect(rowsOf(res.body)).toHaveLength(LISTED);
    expect(res.body).toContain(`data-listed="${LISTED}"`);
    expect(res.body).toMatch(new RegExp(`UBND-OLD · 21584</a></td>\\s*<td>${n}</td>`));
    expect(Buffer.byteLength(res.body) + 8192).toBeLessThan(200 * 1024);
  });
});
