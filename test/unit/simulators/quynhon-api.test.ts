// The Quy Nhơn simulator's HTTP API through app.inject(): auth, paging, the capNhatTu filter,
// keyset paging with sauMaDon, server faults and live mode.
import { afterEach, describe, expect, it } from 'vitest';
import {
  buildQuyNhonSimulator,
  type QuyNhonRecord,
  type QuyNhonSimulator,
} from '../../../src/simulators/quynhon/index.ts';

const KEY = 'test-key';
const NOW = new Date('2026-11-20T10:00:00+07:00');
const apps: QuyNhonSimulator[] = [];

interface Page {
  trang: number;
  soBanGhi: number;
  tongSoTrang: number;
  tongSoBanGhi: number;
  duLieu: QuyNhonRecord[];
}

function build(records = 250, extra: Partial<Parameters<typeof buildQuyNhonSimulator>[0]> = {}) {
  const app = buildQuyNhonSimulator({
    apiKey: KEY,
    seed: 3,
    initialRecords: records,
    now: () => NOW,
    ...extra,
  });
  apps.push(app);
  return app;
}

async function get(app: QuyNhonSimulator, query: Record<string, string | number>) {
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/don-thu',
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    headers: { 'x-api-key': KEY },
  });
  return { status: res.statusCode, body: res.json<Page & { error?: string; message?: string }>() };
}

afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

describe('auth', () => {
  it('answers 401 without or with a wrong key, 200 with the key', async () => {
    const app = build(10);
    const none = await app.inject({ url: '/api/v1/don-thu' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: 'Unauthorized', message: 'Sai khóa API' });
    const wrong = await app.inject({ url: '/api/v1/ping', headers: { 'x-api-key': 'nope' } });
    expect(wrong.statusCode).toBe(401);
    const admin = await app.inject({ url: '/_sim/faults' });
    expect(admin.statusCode).toBe(401);
    const ping = await app.inject({ url: '/api/v1/ping', headers: { 'x-api-key': KEY } });
    expect(ping.json()).toEqual({
      status: 'ok',
      heThong: 'Phần mềm theo dõi đơn thư TP Quy Nhơn',
      phienBan: '2.3.1',
    });
  });
});

describe('paging', () => {
  it('reports totals, pages of the requested size and an empty page past the end', async () => {
    const app = build(250);
    const first = await get(app, {});
    expect(first.body).toMatchObject({
      trang: 1,
      soBanGhi: 100,
      tongSoTrang: 3,
      tongSoBanGhi: 250,
    });
    expect(first.body.duLieu).toHaveLength(100);
    const last = await get(app, { trang: 3 });
    expect(last.body.duLieu).toHaveLength(50);
    const beyond = await get(app, { trang: 4 });
    expect(beyond.status).toBe(200);
    expect(beyond.body.duLieu).toEqual([]);
    const big = await get(app, { soBanGhi: 500 });
    expect(big.body.duLieu).toHaveLength(250);
    expect(big.body.duLieu).toEqual(app.sim.store.all());
  });

  it('rejects bad parameters with 400', async () => {
    const app = build(10);
    for (const query of [
      { soBanGhi: 501 },
      { trang: 0 },
      { trang: 'x' },
      { sauMaDon: 'QN-2026-000001' },
      { capNhatTu: '2026-10-01T00:00:00' },
      { capNhatTu: '2026-10-01T00:00:00 07:00' },
    ]) {
      const res = await get(app, query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error).toBe('BadRequest');
    }
  });

  it('serves every record field, nulls included', async () => {
    const app = build(50);
    const { body } = await get(app, { soBanGhi: 50 });
    const withNulls = body.duLieu.find((r) => r.huongXuLy === null);
    expect(Object.keys(withNulls ?? {})).toHaveLength(15);
    expect(body.duLieu).toEqual(app.sim.store.all());
  });
});

describe('capNhatTu and sauMaDon', () => {
  it('filters inclusively, comparing instants whatever the offset', async () => {
    const app = build(300);
    const all = app.sim.store.all();
    const pivot = all[120] as QuyNhonRecord;
    const expected = all.filter((r) => Date.parse(r.ngayCapNhat) >= Date.parse(pivot.ngayCapNhat));
    const local = await get(app, { capNhatTu: pivot.ngayCapNhat, soBanGhi: 500 });
    expect(local.body.tongSoBanGhi).toBe(expected.length);
    expect(local.body.duLieu).toEqual(expected);
    expect(local.body.duLieu[0]?.ngayCapNhat).toBe(pivot.ngayCapNhat);
    const utc = new Date(pivot.ngayCapNhat).toISOString();
    const inUtc = await get(app, { capNhatTu: utc, soBanGhi: 500 });
    expect(inUtc.body.duLieu).toEqual(expected);
  });

  it('walks all records by keyset with no duplicate and no gap, across same-second ties', async () => {
    const app = build(400);
    const all = app.sim.store.all();
    expect(all.some((r, i) => i > 0 && all[i - 1]?.ngayCapNhat === r.ngayCapNhat)).toBe(true);
    const seen: string[] = [];
    let cursor: { capNhatTu: string; sauMaDon?: string } = {
      capNhatTu: '2000-01-01T00:00:00+07:00',
    };
    for (let guard = 0; guard < 200; guard++) {
      const { body } = await get(app, { ...cursor, soBanGhi: 7 });
      const last = body.duLieu[body.duLieu.length - 1];
      if (last === undefined) break;
      seen.push(...body.duLieu.map((r) => r.maDon));
      cursor = { capNhatTu: last.ngayCapNhat, sauMaDon: last.maDon };
    }
    expect(seen).toEqual(all.map((r) => r.maDon));
  });
});

describe('server faults', () => {
  it('answers 503 at the configured rate, changeable at run time', async () => {
    const app = build(10, { faults: { errorRate: 1 } });
    expect((await get(app, {})).status).toBe(503);
    const put = await app.inject({
      method: 'PUT',
      url: '/_sim/faults',
      headers: { 'x-api-key': KEY },
      payload: { errorRate: 0 },
    });
    expect(put.json()).toEqual({ errorRate: 0, latencyMs: 0 });
    expect((await get(app, {})).status).toBe(200);
    app.sim.setFaults({ errorRate: 0.5 });
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await get(app, {})).status);
    const errors = statuses.filter((s) => s === 503).length;
    expect(errors).toBeGreaterThan(25);
    expect(errors).toBeLessThan(75);
    expect(() => app.sim.setFaults({ errorRate: 2 })).toThrow(RangeError);
  });
});

describe('live mode', () => {
  it('adds records and bumps ngayCapNhat of changed ones on a timer', async () => {
    let clock = NOW.getTime();
    const app = build(20, {
      now: () => new Date(clock),
      live: { intervalMs: 10, newPerTick: 2, updatesPerTick: 1 },
    });
    await app.ready();
    clock += 60_000;
    for (let i = 0; i < 100 && app.sim.store.size < 26; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(app.sim.store.size).toBeGreaterThanOrEqual(26);
    const { body } = await get(app, { capNhatTu: new Date(clock).toISOString(), soBanGhi: 500 });
    expect(body.tongSoBanGhi).toBeGreaterThanOrEqual(6);
    await app.close();
    const size = app.sim.store.size;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.sim.store.size).toBe(size);
  });

  it('runs a tick on demand, continuing the maDon numbering', () => {
    const app = build(20);
    const before = app.sim.store
      .all()
      .map((r) => r.maDon)
      .sort();
    const { added, updated } = app.sim.tick();
    expect(added).toHaveLength(1);
    expect(updated).toHaveLength(1);
    expect(before).not.toContain(added[0]);
    expect((added[0] ?? '') > (before[before.length - 1] ?? '')).toBe(true);
    expect(app.sim.store.size).toBe(21);
  });
});
