// A HubError may be logged with its whole cause chain: for every auth type and every kind of
// failure, neither the error nor any cause (JSON-serialised, inspected, or its stack) carries the
// API key, the Basic password (plain or inside its base64 token) or the bearer token.
import { inspect } from 'node:util';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestJsonConfig } from '../../../../adapters/rest-json/index.ts';
import { restJsonAdapter } from '../../../../adapters/rest-json/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import { BASE, LIST_PATH, collect, makeCtx, quynhonConfig } from './fake-source.ts';

const SECRET = 'S3cr3t-value-42';

interface AuthCase {
  readonly auth: RestJsonConfig['auth'];
  /** What must never appear: the secret and the header value built from it. */
  readonly forbidden: readonly string[];
}

const AUTHS: Record<string, AuthCase> = {
  'API key': {
    auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QN_SECRET' },
    forbidden: [SECRET],
  },
  'Basic password': {
    auth: { type: 'basic', username: 'hub', secretEnv: 'QN_SECRET' },
    forbidden: [SECRET, Buffer.from(`hub:${SECRET}`).toString('base64')],
  },
  'bearer token': {
    auth: { type: 'bearer', secretEnv: 'QN_SECRET' },
    forbidden: [SECRET, `Bearer ${SECRET}`],
  },
};

const netError = (code: string): Error => Object.assign(new Error(`${code} (simulated)`), { code });

/** Each failure installs its interceptor; `timeoutMs` overrides the config's. */
const FAILURES: Record<string, { install(): void; timeoutMs?: number }> = {
  'connection refused': {
    install: () => nock(BASE).get(LIST_PATH).query(true).replyWithError(netError('ECONNREFUSED')),
  },
  'TLS failure': {
    install: () =>
      nock(BASE).get(LIST_PATH).query(true).replyWithError(netError('CERT_HAS_EXPIRED')),
  },
  timeout: {
    install: () => nock(BASE).get(LIST_PATH).query(true).delay(1000).reply(200, { duLieu: [] }),
    timeoutMs: 150,
  },
  'HTTP 503': { install: () => nock(BASE).get(LIST_PATH).query(true).reply(503, 'busy') },
  'HTTP 401': { install: () => nock(BASE).get(LIST_PATH).query(true).reply(401, 'no') },
};

/** Every way a logger or an API could render the error and its causes. */
function renderings(err: unknown): string[] {
  const out = [inspect(err, { depth: null, showHidden: true })];
  let current: unknown = err;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth += 1) {
    out.push(JSON.stringify(current) ?? '', String((current as { stack?: unknown }).stack));
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

afterEach(() => {
  nock.cleanAll();
});

describe('rest-json errors never carry a secret', () => {
  for (const [authName, { auth, forbidden }] of Object.entries(AUTHS)) {
    for (const [failureName, failure] of Object.entries(FAILURES)) {
      it(`${authName}, ${failureName}`, async () => {
        failure.install();
        const config = quynhonConfig({ auth, timeoutMs: failure.timeoutMs ?? 2000 });
        const ctx = makeCtx(config, { secrets: { QN_SECRET: SECRET } });
        const err: unknown = await collect(restJsonAdapter.pull(ctx, null)).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(HubError);
        for (const text of renderings(err)) {
          for (const secret of forbidden) expect(text).not.toContain(secret);
        }
      });
    }
  }

  it('still says which network error it was, through a clean cause', async () => {
    FAILURES['connection refused']?.install();
    const ctx = makeCtx(quynhonConfig(), { secrets: { QUYNHON_API_KEY: SECRET } });
    const err: unknown = await collect(restJsonAdapter.pull(ctx, null)).catch((e: unknown) => e);
    expect((err as HubError).details).toMatchObject({ errorCode: 'ECONNREFUSED' });
    const cause = (err as HubError).cause;
    expect(cause).toBeInstanceOf(Error);
    expect(Object.keys(cause as object).sort()).toEqual(['code']);
    expect((cause as { code?: unknown }).code).toBe('ECONNREFUSED');
  });
});
