// The national client's batch request and its pacing to the quota the national side reports.
import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import {
  createNationalClient,
  type NationalClient,
  type NationalSubmission,
} from '../../../src/national/client.ts';
import { NationalRejectedError } from '../../../src/national/errors.ts';
import { createQuotaTracker, readQuota } from '../../../src/national/quota.ts';
import { minimalCase } from './samples.ts';

const BASE = 'http://national.test';
const reply = (key: string, stage = 1) => ({
  nationalCaseId: 'TTCP-2026-00000001',
  submissionKey: key,
  duplicate: false,
  receivedAt: '2026-10-15T03:00:00.000Z',
  stage,
});
const subs: NationalSubmission[] = [
  { submissionKey: 'k1', operation: 'create', body: minimalCase },
  {
    submissionKey: 'k2',
    operation: 'update',
    nationalCaseId: 'TTCP-2026-00000009',
    body: minimalCase,
  },
  {
    submissionKey: 'k3',
    operation: 'stage',
    nationalCaseId: 'TTCP-2026-00000009',
    stage: 2,
    data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' },
  },
];

let client: NationalClient | undefined;
function makeClient(): NationalClient {
  client = createNationalClient(
    { baseUrl: BASE, clientId: 'hub', secret: 's3cret', timeoutMs: 2000 },
    pino({ level: 'silent' }),
  );
  return client;
}
afterEach(() => {
  client?.close();
  nock.cleanAll();
});

function token() {
  return nock(BASE)
    .post('/api/v1/auth/token')
    .reply(200, { access_token: 't1', token_type: 'Bearer', expires_in: 3600 });
}

describe('national client: batches', () => {
  it('sends every operation in one request and reads one result per item', async () => {
    token();
    let sent: unknown;
    nock(BASE)
      .post('/api/v1/cases/batch', (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(
        200,
        {
          results: [
            { submissionKey: 'k1', status: 201, reply: reply('k1') },
            {
              submissionKey: 'k2',
              status: 422,
              error: {
                error: 'VALIDATION_FAILED',
                message: 'x',
                fieldErrors: [{ field: 'case.loaiDon', message: 'is required' }],
              },
            },
            { submissionKey: 'k3', status: 429, error: { error: 'RATE_LIMITED', message: 'q' } },
          ],
        },
        { 'retry-after': '2' },
      );
    const results = await makeClient().submitBatch(subs);
    expect(sent).toEqual({
      items: [
        { operation: 'create', submissionKey: 'k1', case: minimalCase },
        {
          operation: 'update',
          submissionKey: 'k2',
          nationalCaseId: 'TTCP-2026-00000009',
          case: minimalCase,
        },
        {
          operation: 'stage',
          submissionKey: 'k3',
          nationalCaseId: 'TTCP-2026-00000009',
          stage: 2,
          data: { huongXuLy: 'ACCEPT', ngayXuLy: '2026-10-20' },
        },
      ],
    });
    expect(results[0]).toEqual({
      ok: true,
      receipt: {
        nationalCaseId: 'TTCP-2026-00000001',
        duplicate: false,
        receivedAt: '2026-10-15T03:00:00.000Z',
        httpStatus: 201,
      },
    });
    const refused = results[1]?.ok === false ? results[1].error : null;
    expect(refused).toBeInstanceOf(NationalRejectedError);
    expect(refused?.message).toContain('case.loaiDon');
    const limited = results[2]?.ok === false ? results[2].error : null;
    expect(limited).toMatchObject({ code: 'KNTC_NATIONAL_RATE_LIMITED', retryable: true });
    expect(limited?.details['retryAfterMs']).toBe(2000);
  });

  it('throws when the request as a whole fails, and fails items the reply leaves out', async () => {
    token();
    nock(BASE)
      .post('/api/v1/cases/batch')
      .reply(503, { error: 'SERVICE_UNAVAILABLE', message: 'x' });
    const err: unknown = await makeClient()
      .submitBatch(subs)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect(err).toMatchObject({ code: 'KNTC_NATIONAL_HTTP', retryable: true });
    nock(BASE)
      .post('/api/v1/cases/batch')
      .reply(200, { results: [{ submissionKey: 'k1', status: 201, reply: reply('k1') }] });
    const partial = await client!.submitBatch(subs);
    expect(partial.map((r) => r.ok)).toEqual([true, false, false]);
    expect(partial[1]?.ok === false && partial[1].error.retryable).toBe(true);
  });
});

describe('pacing to the reported quota', () => {
  const headers = (remaining: number, reset: string) => ({
    'ratelimit-policy': '10;w=1',
    'ratelimit-remaining': String(remaining),
    'ratelimit-reset': reset,
  });

  it('reads the RateLimit headers, and ignores replies without them', () => {
    expect(readQuota(headers(4, '0.250'))).toEqual({
      limit: 10,
      windowMs: 1000,
      remaining: 4,
      resetMs: 250,
    });
    expect(readQuota({})).toBeNull();
    expect(readQuota({ ...headers(4, '0.2'), 'ratelimit-reset': 'soon' })).toBeNull();
  });

  it('waits for the next window instead of sending what would not fit', async () => {
    let now = 1_000_000;
    const quota = createQuotaTracker(() => now);
    // Nothing known: no waiting.
    const t1 = await quota.take(6);
    t1.done(readQuota(headers(4, '0.100')));
    // 3 of the 4 left: no waiting.
    const t2 = await quota.take(3);
    t2.done(null);
    // 5 more do not fit in the 1 left: the take waits for the window to end (100 ms after the
    // first reply), and then has a fresh window of 10.
    let waited = false;
    const pending = quota.take(5).then((t) => {
      waited = true;
      return t;
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(waited).toBe(false);
    now += 100;
    await pending;
    expect(waited).toBe(true);
    // More than a whole window's quota is sent anyway (the national side admits what fits).
    now += 5;
    await quota.take(25);
  });
});
