// POST /api/v1/cases/batch of the national simulator: each item answered on its own, as it would
// have been alone; the quota counted per item, with partial admission and Retry-After; what is
// left of the quota reported in RateLimit headers; items failing one by one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchReply } from '../../../src/national/contract.ts';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { minimalCase } from '../national/samples.ts';

const basic = `Basic ${Buffer.from('kntc-hub-demo:demo-secret').toString('base64')}`;
let clock = Date.parse('2026-10-15T03:00:00.200Z');
let dice = 0.5;
let app: NationalSimulator;
let tok: string;

const createItem = (key: string, id = `case-${key}`) => ({
  operation: 'create',
  submissionKey: key,
  case: { ...minimalCase, maHoSoNguon: id },
});

async function batch(items: unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/cases/batch',
    headers: { authorization: `Bearer ${tok}` },
    payload: { items },
  });
}

beforeEach(async () => {
  clock = Date.parse('2026-10-15T03:00:00.200Z');
  dice = 0.5;
  app = buildNationalSimulator({ now: () => clock, random: () => dice });
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    headers: { authorization: basic },
  });
  tok = res.json<{ access_token: string }>().access_token;
});
afterEach(async () => {
  await app.close();
});

describe('national simulator: batch submissions', () => {
  it('answers each item as it would have been answered alone, in order', async () => {
    const first = (await batch([createItem('a')])).json<BatchReply>();
    const id = first.results[0]!.reply!.nationalCaseId;
    const res = await batch([
      createItem('b'),
      createItem('a'), // replay
      { operation: 'create', submissionKey: 'c', case: { ...minimalCase, loaiDon: 'XX' } },
      {
        operation: 'update',
        submissionKey: 'd',
        nationalCaseId: 'TTCP-2026-99999999',
        case: minimalCase,
      },
      {
        operation: 'stage',
        submissionKey: 'e',
        nationalCaseId: id,
        stage: 2,
        data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' },
      },
      { operation: 'stage', submissionKey: 'f', nationalCaseId: id, stage: 9, data: {} },
      { operation: 'delete', submissionKey: 'g' },
    ]);
    expect(res.statusCode).toBe(200);
    const r = res.json<BatchReply>().results;
    expect(r.map((x) => [x.submissionKey, x.status])).toEqual([
      ['b', 201],
      ['a', 200],
      ['c', 422],
      ['d', 404],
      ['e', 200],
      ['f', 400],
      ['g', 400],
    ]);
    expect(r[1]!.reply).toMatchObject({ nationalCaseId: id, duplicate: true });
    expect(r[2]!.error).toMatchObject({ error: 'VALIDATION_FAILED' });
    expect(r[2]!.error!.fieldErrors![0]!.field).toBe('case.loaiDon');
    expect(r[3]!.error).toMatchObject({ error: 'CASE_NOT_FOUND' });
    expect(r[4]!.reply).toMatchObject({ nationalCaseId: id, stage: 2, duplicate: false });
    expect(app.simulator.stats()).toMatchObject({
      received: 8,
      accepted: 3,
      duplicates: 1,
      rejected: 4,
      cases: 2,
      duplicateCases: 0,
    });
  });

  it('refuses a malformed batch as a whole', async () => {
    expect((await batch([])).statusCode).toBe(400);
    const tooMany = Array.from({ length: 101 }, (_, i) => createItem(`k${i}`));
    expect((await batch(tooMany)).statusCode).toBe(400);
    expect(app.simulator.stats().cases).toBe(0);
  });

  it('admits the items that fit the quota, answers the rest 429, and says what is left', async () => {
    app.simulator.setFaults({ ratePerSecond: 3 });
    const res = await batch([createItem('a'), createItem('b'), createItem('c'), createItem('d')]);
    expect(res.statusCode).toBe(200);
    expect(res.json<BatchReply>().results.map((x) => x.status)).toEqual([201, 201, 201, 429]);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['ratelimit-policy']).toBe('3;w=1');
    expect(res.headers['ratelimit-remaining']).toBe('0');
    expect(res.headers['ratelimit-reset']).toBe('0.800');
    const none = await batch([createItem('d')]);
    expect(none.statusCode).toBe(429);
    expect(none.json()).toMatchObject({ error: 'RATE_LIMITED' });
    clock += 1000;
    const later = await batch([createItem('d')]);
    expect(later.json<BatchReply>().results[0]!.status).toBe(201);
    expect(later.headers['ratelimit-remaining']).toBe('2');
    app.simulator.setFaults({ reportQuota: false });
    expect((await batch([createItem('e')])).headers['ratelimit-remaining']).toBeUndefined();
    expect(app.simulator.stats()).toMatchObject({ cases: 5, faults: { rateLimited: 2 } });
  });

  it('fails single items on their own, and refuses content the national rules refuse', async () => {
    app.simulator.setFaults({ itemErrorRate: 0.4, rejectSummaries: ['Không hợp lệ'] });
    dice = 0.3; // below itemErrorRate: every item fails
    expect((await batch([createItem('a')])).json<BatchReply>().results[0]!.status).toBe(503);
    dice = 0.9;
    const res = await batch([
      createItem('a'),
      { ...createItem('b'), case: { ...minimalCase, tomTatNoiDung: 'Không hợp lệ' } },
    ]);
    expect(res.json<BatchReply>().results.map((x) => x.status)).toEqual([201, 422]);
    expect(app.simulator.stats()).toMatchObject({
      cases: 1,
      faults: { itemFailures: 1, injected422: 1 },
    });
  });

  it('refuses the whole batch while the window is closed or the token expired', async () => {
    app.simulator.closeWindowFor(5000);
    expect((await batch([createItem('a')])).statusCode).toBe(409);
    clock += 5000;
    app.simulator.expireTokens();
    const expired = await batch([createItem('a')]);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'TOKEN_EXPIRED' });
    expect(app.simulator.stats().cases).toBe(0);
  });
});
