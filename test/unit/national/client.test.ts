import nock from 'nock';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HubError } from '../../../src/lib/errors.ts';
import {
  createNationalClient,
  type NationalClient,
  type NationalSubmission,
} from '../../../src/national/client.ts';
import { NationalRejectedError, parseRetryAfter } from '../../../src/national/errors.ts';
import { minimalCase } from './samples.ts';

const BASE = 'http://national.test';
const basicDemo = `Basic ${Buffer.from('hub:s3cret').toString('base64')}`;
const created = {
  nationalCaseId: 'TTCP-2026-00000001',
  submissionKey: 'key-1',
  duplicate: false,
  receivedAt: '2026-10-15T03:00:00.000Z',
  stage: 1,
};
const submission: NationalSubmission = {
  submissionKey: 'key-1',
  operation: 'create',
  body: minimalCase,
};

let client: NationalClient | undefined;
function makeClient(timeoutMs = 2000): NationalClient {
  client = createNationalClient(
    { baseUrl: BASE, clientId: 'hub', secret: 's3cret', timeoutMs },
    pino({ level: 'silent' }),
  );
  return client;
}
afterEach(() => {
  client?.close();
});

function tokenReply(token: string, expiresIn = 3600) {
  return nock(BASE)
    .post('/api/v1/auth/token')
    .matchHeader('authorization', basicDemo)
    .reply(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
}

async function failure(p: Promise<unknown>): Promise<HubError> {
  const err: unknown = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (!(err instanceof HubError)) throw err;
  return err;
}

describe('national client: tokens', () => {
  it('fetches one token with HTTP Basic and reuses it for later calls', async () => {
    const token = tokenReply('t1');
    const cases = nock(BASE)
      .post('/api/v1/cases', { submissionKey: 'key-1', case: minimalCase })
      .matchHeader('authorization', 'Bearer t1')
      .twice()
      .reply(201, created);
    const c = makeClient();
    const receipt = await c.submit(submission);
    expect(receipt).toEqual({
      nationalCaseId: 'TTCP-2026-00000001',
      duplicate: false,
      receivedAt: '2026-10-15T03:00:00.000Z',
      httpStatus: 201,
    });
    await c.submit(submission);
    expect(token.isDone()).toBe(true);
    expect(cases.isDone()).toBe(true);
  });

  it('refreshes the token once on 401 TOKEN_EXPIRED and retries the request', async () => {
    tokenReply('old');
    tokenReply('new');
    nock(BASE)
      .post('/api/v1/cases')
      .matchHeader('authorization', 'Bearer old')
      .reply(401, { error: 'TOKEN_EXPIRED', message: 'expired' });
    nock(BASE)
      .post('/api/v1/cases')
      .matchHeader('authorization', 'Bearer new')
      .reply(200, { ...created, duplicate: true });
    const receipt = await makeClient().submit(submission);
    expect(receipt).toMatchObject({ duplicate: true, httpStatus: 200 });
    expect(nock.isDone()).toBe(true);
  });

  it('gives up with KNTC_NATIONAL_AUTH when the refreshed token is refused too', async () => {
    tokenReply('a');
    tokenReply('b');
    nock(BASE).post('/api/v1/cases').twice().reply(401, { error: 'TOKEN_INVALID', message: 'x' });
    const err = await failure(makeClient().submit(submission));
    expect(err.code).toBe('KNTC_NATIONAL_AUTH');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('/api/v1/cases');
    expect(err.message).toContain('key-1');
  });

  it('check() reports refused credentials and an unreachable endpoint', async () => {
    nock(BASE).post('/api/v1/auth/token').reply(401, { error: 'INVALID_CLIENT', message: 'no' });
    const auth = await failure(makeClient().check());
    expect(auth.code).toBe('KNTC_NATIONAL_AUTH');
    nock(BASE)
      .post('/api/v1/auth/token')
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const down = await failure(makeClient().check());
    expect(down.code).toBe('KNTC_NATIONAL_UNREACHABLE');
    expect(down.retryable).toBe(true);
  });
});

describe('national client: submissions and errors', () => {
  it('sends an update as PUT to the case path', async () => {
    tokenReply('t');
    nock(BASE)
      .put('/api/v1/cases/TTCP-2026-00000001', { submissionKey: 'key-2', case: minimalCase })
      .reply(200, { ...created, submissionKey: 'key-2' });
    const receipt = await makeClient().submit({
      submissionKey: 'key-2',
      operation: 'update',
      nationalCaseId: 'TTCP-2026-00000001',
      body: minimalCase,
    });
    expect(receipt.httpStatus).toBe(200);
  });

  it('turns 422 into NationalRejectedError naming fields, never values', async () => {
    tokenReply('t');
    const fieldErrors = [
      { field: 'case.ngayTiepNhan', message: 'must match format "date"' },
      { field: 'case.nguoiDungDon[0].hoTen', message: 'is required' },
    ];
    nock(BASE)
      .post('/api/v1/cases')
      .reply(422, { error: 'VALIDATION_FAILED', message: 'invalid', fieldErrors });
    const err = await failure(makeClient().submit(submission));
    expect(err).toBeInstanceOf(NationalRejectedError);
    expect(err.code).toBe('KNTC_NATIONAL_REJECTED');
    expect(err.retryable).toBe(false);
    expect((err as NationalRejectedError).fieldErrors).toEqual(fieldErrors);
    expect(err.message).toContain('case.ngayTiepNhan');
    expect(err.message).toContain('key-1');
    expect(err.message).not.toContain(minimalCase.nguoiDungDon[0]?.hoTen ?? 'unreachable');
  });

  it('reads Retry-After in seconds on 429', async () => {
    tokenReply('t');
    nock(BASE)
      .post('/api/v1/cases')
      .reply(429, { error: 'RATE_LIMITED', message: 'slow down' }, { 'Retry-After': '7' });
    const err = await failure(makeClient().submit(submission));
    expect(err.code).toBe('KNTC_NATIONAL_RATE_LIMITED');
    expect(err.retryable).toBe(true);
    expect(err.details['retryAfterMs']).toBe(7000);
    expect(err.details['httpStatus']).toBe(429);
  });

  it('reads Retry-After as an HTTP date on 429', async () => {
    tokenReply('t');
    const at = new Date(Date.now() + 120_000).toUTCString();
    nock(BASE)
      .post('/api/v1/cases')
      .reply(429, { error: 'RATE_LIMITED', message: 'slow down' }, { 'Retry-After': at });
    const err = await failure(makeClient().submit(submission));
    const ms = err.details['retryAfterMs'];
    expect(typeof ms).toBe('number');
    expect(ms).toBeGreaterThan(115_000);
    expect(ms).toBeLessThanOrEqual(120_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('2015-10-21T07:27:00Z')),
    ).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('marks 503 retryable', async () => {
    tokenReply('t');
    nock(BASE).post('/api/v1/cases').reply(503, { error: 'SERVICE_UNAVAILABLE', message: 'x' });
    const err = await failure(makeClient().submit(submission));
    expect(err).toMatchObject({ code: 'KNTC_NATIONAL_HTTP', retryable: true });
    expect(err.message).toContain('HTTP 503');
  });

  it('marks a 404 permanent', async () => {
    tokenReply('t');
    nock(BASE).post('/api/v1/cases').reply(404, { error: 'NOT_FOUND', message: 'x' });
    const err = await failure(makeClient().submit(submission));
    expect(err).toMatchObject({ code: 'KNTC_NATIONAL_HTTP', retryable: false });
  });

  it('treats a timeout as unreachable and retryable', async () => {
    tokenReply('t');
    nock(BASE).post('/api/v1/cases').delay(500).reply(201, created);
    const err = await failure(makeClient(100).submit(submission));
    expect(err).toMatchObject({ code: 'KNTC_NATIONAL_UNREACHABLE', retryable: true });
    expect(err.message).toContain('timeout');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET'])(
    'treats %s as unreachable and retryable',
    async (code) => {
      tokenReply('t');
      nock(BASE)
        .post('/api/v1/cases')
        .replyWithError(Object.assign(new Error(code), { code }));
      const err = await failure(makeClient().submit(submission));
      expect(err).toMatchObject({ code: 'KNTC_NATIONAL_UNREACHABLE', retryable: true });
      expect(err.message).toContain(code);
    },
  );

  it('treats a socket hang up as unreachable and retryable', async () => {
    tokenReply('t');
    nock(BASE).post('/api/v1/cases').replyWithError('socket hang up');
    const err = await failure(makeClient().submit(submission));
    expect(err).toMatchObject({ code: 'KNTC_NATIONAL_UNREACHABLE', retryable: true });
  });
});
