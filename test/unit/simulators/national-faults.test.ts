import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildNationalSimulator,
  type NationalSimulator,
} from '../../../src/simulators/national/index.ts';
import { retryAfterValue } from '../../../src/simulators/national/faults.ts';
import { minimalCase } from '../national/samples.ts';

const basic = `Basic ${Buffer.from('kntc-hub-demo:demo-secret').toString('base64')}`;
let clock = Date.parse('2026-10-15T03:00:00.200Z');
let app: NationalSimulator;

async function token(): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/token',
    headers: { authorization: basic },
  });
  return res.json<{ access_token: string }>().access_token;
}

async function create(key: string, tok: string, caseId = minimalCase.maHoSoNguon) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { authorization: `Bearer ${tok}` },
    payload: { submissionKey: key, case: { ...minimalCase, maHoSoNguon: caseId } },
  });
}

beforeEach(() => {
  clock = Date.parse('2026-10-15T03:00:00.200Z');
  app = buildNationalSimulator({ now: () => clock, random: () => 0.5 });
});
afterEach(async () => {
  await app.close();
});

describe('national simulator faults', () => {
  it('refuses submissions with 409 WINDOW_CLOSED and nextWindowOpensAt while closed', async () => {
    const tok = await token();
    app.simulator.closeWindowFor(10_000);
    const res = await create('k1', tok);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'WINDOW_CLOSED',
      nextWindowOpensAt: new Date(clock + 10_000).toISOString(),
    });
    clock += 10_000;
    expect((await create('k1', tok)).statusCode).toBe(201);
    expect(app.simulator.stats()).toMatchObject({ received: 1, faults: { windowClosed: 1 } });
  });

  it('answers 429 with Retry-After in seconds or as an HTTP date beyond the quota', async () => {
    const tok = await token();
    app.simulator.setFaults({ ratePerSecond: 2 });
    expect((await create('a', tok, 'c-a')).statusCode).toBe(201);
    expect((await create('b', tok, 'c-b')).statusCode).toBe(201);
    const limited = await create('c', tok, 'c-c');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    app.simulator.setFaults({ retryAfterFormat: 'date' });
    const dated = await create('c', tok, 'c-c');
    expect(dated.headers['retry-after']).toBe(new Date('2026-10-15T03:00:01Z').toUTCString());
    clock += 1000;
    expect((await create('c', tok, 'c-c')).statusCode).toBe(201);
    expect(retryAfterValue('seconds', 1500, clock)).toBe('2');
  });

  it('expires every token on demand (401 TOKEN_EXPIRED), and a new token works', async () => {
    const tok = await token();
    app.simulator.expireTokens();
    const res = await create('k', tok);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'TOKEN_EXPIRED' });
    expect((await create('k', await token())).statusCode).toBe(201);
  });

  it('injects 422 for chosen cases, counted as rejected, and accepts them once cleared', async () => {
    const tok = await token();
    app.simulator.setFaults({ rejectCaseIds: ['bad-case'] });
    const res = await create('k', tok, 'bad-case');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'VALIDATION_FAILED' });
    app.simulator.setFaults({ rejectCaseIds: [] });
    expect((await create('k', tok, 'bad-case')).statusCode).toBe(201);
    expect(app.simulator.stats()).toMatchObject({ rejected: 1, accepted: 1 });
  });

  it('counts a case created twice under two keys, and a replay as a harmless duplicate', async () => {
    const tok = await token();
    await create('k1', tok, 'same');
    await create('k1', tok, 'same');
    await create('k2', tok, 'same');
    expect(app.simulator.stats()).toMatchObject({ cases: 2, duplicates: 1, duplicateCases: 1 });
  });

  it('starts with the faults given in its options', async () => {
    const sim = buildNationalSimulator({ faults: { errorRate: 1 } });
    const tok = (
      await sim.inject({
        method: 'POST',
        url: '/api/v1/auth/token',
        headers: { authorization: basic },
      })
    ).statusCode;
    expect(tok).toBe(503);
    expect((await sim.inject({ method: 'GET', url: '/stats' })).statusCode).toBe(200);
    await sim.close();
  });

  it('rejects impossible fault settings', () => {
    expect(() => app.simulator.setFaults({ dropRate: 2 })).toThrow(RangeError);
    expect(() => app.simulator.setFaults({ closedRanges: [{ from: 2, to: 1 }] })).toThrow(
      RangeError,
    );
  });
});
