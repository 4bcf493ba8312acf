// check() and pull() diagnoses: every failure is a HubError with a stable code, the source id,
// the path and the status, retryable only when waiting can help, and never the secret.
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import type { AdapterContext } from '../../../../adapters/contract.ts';
import { restJsonAdapter, type RestJsonConfig } from '../../../../adapters/rest-json/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import { BASE, LIST_PATH, collect, makeCtx, quynhonConfig, rec } from './fake-source.ts';

const PING = '/api/v1/ping';
const SECRET = 'test-key-123';

/** The HubError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<HubError> {
  const err: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof HubError)) throw new Error(`expected a HubError, got ${String(err)}`);
  expect(err.message).not.toContain(SECRET);
  return err;
}

/**
 * A Node-style network error. nock 14 needs an Error instance here: with a plain object
 * (`replyWithError({ code })`) the request never settles (nock/nock#2789).
 */
const netError = (code: string): Error => Object.assign(new Error(`${code} (simulated)`), { code });

const pullOnce = (ctx: AdapterContext<RestJsonConfig>): Promise<unknown> =>
  collect(restJsonAdapter.pull(ctx, null));
const ctx = (overrides: Partial<RestJsonConfig> = {}): AdapterContext<RestJsonConfig> =>
  makeCtx(quynhonConfig(overrides));
const okPage = {
  trang: 1,
  soBanGhi: 1,
  tongSoTrang: 1,
  tongSoBanGhi: 1,
  duLieu: [rec(1, '09:00:00')],
};

describe('rest-json check()', () => {
  it('passes when ping answers and the list has its items array', async () => {
    nock(BASE).get(PING).matchHeader('x-api-key', SECRET).reply(200, { status: 'ok' });
    const list = nock(BASE)
      .get(LIST_PATH)
      .query({ trang: '1', soBanGhi: '1' })
      .matchHeader('x-api-key', SECRET)
      .reply(200, okPage);
    await expect(restJsonAdapter.check(ctx())).resolves.toBeUndefined();
    expect(list.isDone()).toBe(true);
  });

  it('401 → KNTC_SOURCE_AUTH, permanent, naming source, path and status', async () => {
    nock(BASE).get(PING).reply(401, { error: 'Unauthorized', message: 'Sai khóa API' });
    const err = await failure(restJsonAdapter.check(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_AUTH');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('quynhon-web');
    expect(err.message).toContain(PING);
    expect(err.message).toContain('401');
    expect(err.details).toMatchObject({ sourceId: 'quynhon-web', path: PING, status: 401 });
  });

  it('403 → KNTC_SOURCE_AUTH', async () => {
    nock(BASE).get(PING).reply(403, 'Forbidden');
    expect((await failure(restJsonAdapter.check(ctx()))).code).toBe('KNTC_SOURCE_AUTH');
  });

  it('other 4xx → KNTC_SOURCE_HTTP, permanent, with the source’s own message', async () => {
    nock(BASE).get(PING).reply(200, {});
    nock(BASE)
      .get(LIST_PATH)
      .query(true)
      .reply(400, { error: 'BadRequest', message: 'soBanGhi > 500' });
    const err = await failure(restJsonAdapter.check(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_HTTP');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('soBanGhi > 500');
  });

  it('no items array in the list answer → KNTC_SOURCE_BAD_PAYLOAD, permanent', async () => {
    nock(BASE).get(PING).reply(200, { status: 'ok' });
    nock(BASE).get(LIST_PATH).query(true).reply(200, { trang: 1, data: [] });
    const err = await failure(restJsonAdapter.check(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('"duLieu"');
  });

  it('DNS failure → KNTC_SOURCE_UNREACHABLE, retryable', async () => {
    nock(BASE).get(PING).replyWithError(netError('ENOTFOUND'));
    const err = await failure(restJsonAdapter.check(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_UNREACHABLE');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('DNS');
  });

  it('TLS failure → KNTC_SOURCE_UNREACHABLE with a certificate hint', async () => {
    nock(BASE).get(PING).replyWithError(netError('CERT_HAS_EXPIRED'));
    const err = await failure(restJsonAdapter.check(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_UNREACHABLE');
    expect(err.hint).toContain('certificate');
  });

  it('a missing secret → KNTC_CONFIG_INVALID naming the variable, before any request', async () => {
    const err = await failure(restJsonAdapter.check(makeCtx(quynhonConfig(), { secrets: {} })));
    expect(err.code).toBe('KNTC_CONFIG_INVALID');
    expect(err.message).toContain('QUYNHON_API_KEY');
  });
});

describe('rest-json pull() errors', () => {
  it('500 → KNTC_SOURCE_HTTP, retryable', async () => {
    nock(BASE).get(LIST_PATH).query(true).reply(500, 'Internal Server Error');
    const err = await failure(pullOnce(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_HTTP');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('500');
    expect(err.message).toContain(LIST_PATH);
  });

  it('401 → KNTC_SOURCE_AUTH', async () => {
    nock(BASE)
      .get(LIST_PATH)
      .query(true)
      .reply(401, { error: 'Unauthorized', message: 'Sai khóa API' });
    expect((await failure(pullOnce(ctx()))).code).toBe('KNTC_SOURCE_AUTH');
  });

  it('an answer slower than timeoutMs → KNTC_SOURCE_TIMEOUT, retryable', async () => {
    nock(BASE).get(LIST_PATH).query(true).delay(1000).reply(200, okPage);
    const err = await failure(pullOnce(ctx({ timeoutMs: 150 })));
    expect(err.code).toBe('KNTC_SOURCE_TIMEOUT');
    expect(err.retryable).toBe(true);
    expect(err.message).toContain('150 ms');
  });

  it('connection refused → KNTC_SOURCE_UNREACHABLE, retryable', async () => {
    nock(BASE).get(LIST_PATH).query(true).replyWithError(netError('ECONNREFUSED'));
    const err = await failure(pullOnce(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_UNREACHABLE');
    expect(err.retryable).toBe(true);
    expect(err.details).toMatchObject({ errorCode: 'ECONNREFUSED', path: LIST_PATH });
  });

  it('an HTML page instead of JSON → KNTC_SOURCE_BAD_PAYLOAD', async () => {
    nock(BASE)
      .get(LIST_PATH)
      .query(true)
      .reply(200, '<html><body>Bảo trì hệ thống</body></html>', { 'content-type': 'text/html' });
    const err = await failure(pullOnce(ctx()));
    expect(err.code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('text/html');
  });

  it('items that are not objects → KNTC_SOURCE_BAD_PAYLOAD', async () => {
    nock(BASE)
      .get(LIST_PATH)
      .query(true)
      .reply(200, { duLieu: ['QN-1'] });
    expect((await failure(pullOnce(ctx()))).code).toBe('KNTC_SOURCE_BAD_PAYLOAD');
  });

  it('a damaged stored cursor is reported, not silently restarted', async () => {
    const err = await failure(
      collect(restJsonAdapter.pull(ctx(), { modifiedSince: '20/10/2026', lastId: 'x' })),
    );
    expect(err.code).toBe('KNTC_CURSOR_INVALID');
    expect(err.hint).toContain('reset');
  });
});
