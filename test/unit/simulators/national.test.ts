import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { minimalCase } from '../national/samples.ts';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

let clock = Date.parse('2026-10-15T03:00:00Z');
let app: NationalSimulator;

async function token(): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    headers: { authorization: basic('kntc-hub-demo', 'demo-secret') },
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ access_token: string }>().access_token;
}

async function submit(method: 'POST' | 'PUT', url: string, payload: object, tok?: string) {
  const headers = { authorization: `Bearer ${tok ?? (await token())}` };
  return app.inject({ method, url, headers, payload });
}

beforeEach(() => {
  clock = Date.parse('2026-10-15T03:00:00Z');
  app = buildNationalSimulator({ tokenTtlSeconds: 60, now: () => clock });
});
afterEach(async () => {
  await app.close();
});

describe('national simulator: authentication', () => {
  it('issues a bearer token for the demo client', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { authorization: basic('kntc-hub-demo', 'demo-secret') },
    });
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
  });

  it('refuses a wrong secret with 401 INVALID_CLIENT', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/token',
      headers: { authorization: basic('kntc-hub-demo', 'wrong') },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'INVALID_CLIENT' });
  });

  it('refuses a call without a token with 401 TOKEN_MISSING', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/catalogues/loai-don' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'TOKEN_MISSING' });
  });

  it('accepts a fresh token, then answers TOKEN_EXPIRED once the TTL is over', async () => {
    const tok = await token();
    const headers = { authorization: `Bearer ${tok}` };
    const ok = await app.inject({ method: 'GET', url: '/api/v1/catalogues/loai-don', headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ loaiDanhMuc: 'loai-don' });
    clock += 61_000;
    const late = await app.inject({ method: 'GET', url: '/api/v1/catalogues/loai-don', headers });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: 'TOKEN_EXPIRED' });
  });

  it('answers TOKEN_INVALID for an unknown token', async () => {
    const res = await submit('POST', '/api/v1/cases', {}, 'nope');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'TOKEN_INVALID' });
    expect(app.simulator.stats().received).toBe(0);
  });
});

describe('national simulator: submissions', () => {
  it('creates a case once per submission key and counts the replay as a duplicate', async () => {
    const tok = await token();
    const first = await submit(
      'POST',
      '/api/v1/cases',
      { submissionKey: 'k1', case: minimalCase },
      tok,
    );
    expect(first.statusCode).toBe(201);
    const body = first.json<{ nationalCaseId: string; duplicate: boolean }>();
    expect(body.nationalCaseId).toBe('TTCP-2026-00000001');
    expect(body.duplicate).toBe(false);

    clock += 5_000;
    const again = await submit(
      'POST',
      '/api/v1/cases',
      { submissionKey: 'k1', case: minimalCase },
      tok,
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json<object>(), duplicate: true });
    expect(app.simulator.stats()).toMatchObject({
      received: 2,
      accepted: 1,
      duplicates: 1,
      rejected: 0,
      cases: 1,
    });
  });

  it('answers 422 with field errors that name fields and never echo values', async () => {
    const bad = {
      ...minimalCase,
      ngayTiepNhan: '2026-02-31',
      loaiDon: 'XX',
      nguoiDungDon: [{ loai: 'PERSON', hoTen: 'Trần Văn Bình', soCCCD: '052080001234' }],
    };
    const { tomTatNoiDung: _t, ...noSummary } = bad;
    const res = await submit('POST', '/api/v1/cases', { submissionKey: 'k2', case: noSummary });
    expect(res.statusCode).toBe(422);
    const err = res.json<{ error: string; fieldErrors: { field: string }[] }>();
    expect(err.error).toBe('VALIDATION_FAILED');
    expect(err.fieldErrors.map((f) => f.field).sort()).toEqual([
      'case.loaiDon',
      'case.ngayTiepNhan',
      'case.nguoiDungDon[0].soCCCD',
      'case.tomTatNoiDung',
    ]);
    expect(res.body).not.toContain('052080001234');
    expect(res.body).not.toContain('2026-02-31');
    expect(app.simulator.stats()).toMatchObject({ received: 1, rejected: 1, cases: 0 });
  });

  it('updates stage-1 data and stores stages 2–5 on an existing case', async () => {
    const tok = await token();
    const created = await submit(
      'POST',
      '/api/v1/cases',
      { submissionKey: 'c', case: minimalCase },
      tok,
    );
    const id = created.json<{ nationalCaseId: string }>().nationalCaseId;
    const update = { submissionKey: 'u', case: { ...minimalCase, soNguoiKy: 2 } };
    const upd = await submit('PUT', `/api/v1/cases/${id}`, update, tok);
    expect(upd.statusCode).toBe(200);
    expect(upd.json()).toMatchObject({ nationalCaseId: id, duplicate: false, stage: 1 });

    const stage2 = { submissionKey: 's2', data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' } };
    const s2 = await submit('POST', `/api/v1/cases/${id}/stages/2`, stage2, tok);
    expect(s2.statusCode).toBe(200);
    expect(s2.json()).toMatchObject({ nationalCaseId: id, stage: 2 });

    const stage4 = { submissionKey: 's4', data: { ketQua: 'MAYBE', ngayBanHanh: '2026-11-01' } };
    const s4 = await submit('POST', `/api/v1/cases/${id}/stages/4`, stage4, tok);
    expect(s4.statusCode).toBe(422);
    expect(s4.json()).toMatchObject({ fieldErrors: [{ field: 'data.ketQua' }] });

    const s9 = await submit(
      'POST',
      `/api/v1/cases/${id}/stages/9`,
      { ...stage2, submissionKey: 's9' },
      tok,
    );
    expect(s9.statusCode).toBe(400);
    const missing = await submit(
      'PUT',
      '/api/v1/cases/TTCP-2026-99999999',
      { ...update, submissionKey: 'm' },
      tok,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'CASE_NOT_FOUND' });
  });

  it('serves /stats and /health without authentication', async () => {
    await submit('POST', '/api/v1/cases', { submissionKey: 'a', case: minimalCase });
    await submit('POST', '/api/v1/cases', { submissionKey: 'b', case: {} });
    const stats = await app.inject({ method: 'GET', url: '/stats' });
    expect(stats.json()).toMatchObject({
      received: 2,
      accepted: 1,
      duplicates: 0,
      rejected: 1,
      cases: 1,
    });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toEqual({ status: 'ok' });
  });
});

describe('national simulator: run-time control', () => {
  it('injects 503 faults on /api routes only, and reset clears state and faults', async () => {
    const tok = await token();
    await submit('POST', '/api/v1/cases', { submissionKey: 'a', case: minimalCase }, tok);
    app.simulator.setFaults({ errorRate: 1 });
    const failed = await submit(
      'POST',
      '/api/v1/cases',
      { submissionKey: 'b', case: minimalCase },
      tok,
    );
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
    expect((await app.inject({ url: '/stats' })).statusCode).toBe(200);
    expect(app.simulator.stats().received).toBe(1);
    expect(() => app.simulator.setFaults({ errorRate: 2 })).toThrow(RangeError);

    app.simulator.reset();
    expect(app.simulator.faults()).toMatchObject({ errorRate: 0, latencyMs: 0, ratePerSecond: 0 });
    expect(app.simulator.stats()).toMatchObject({
      received: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      cases: 0,
    });
    const after = await submit(
      'POST',
      '/api/v1/cases',
      { submissionKey: 'a', case: minimalCase },
      tok,
    );
    expect(after.statusCode).toBe(201);
  });
});
