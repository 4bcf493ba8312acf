// Auth headers per auth type, and the config schema: closed, secrets only by env-variable name.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { restJsonAdapter, restJsonConfigSchema } from '../../../../adapters/rest-json/index.ts';
import type { RestJsonConfig } from '../../../../adapters/rest-json/index.ts';
import { FakeSource, collect, makeCtx, quynhonConfig, rec } from './fake-source.ts';

async function headersSent(
  auth: RestJsonConfig['auth'],
  secrets: Record<string, string>,
): Promise<Record<string, string | string[] | undefined>> {
  const fake = new FakeSource([rec(1, '09:00:00')]).install();
  await collect(restJsonAdapter.pull(makeCtx(quynhonConfig({ auth }), { secrets }), null));
  nock.cleanAll();
  return fake.requests[0]?.headers ?? {};
}

describe('rest-json auth headers', () => {
  it('apiKey: the configured header carries the secret', async () => {
    const auth = { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' } as const;
    const headers = await headersSent(auth, { QUYNHON_API_KEY: 'k-1' });
    expect(headers['x-api-key']).toBe('k-1');
    expect(headers.authorization).toBeUndefined();
  });

  it('basic: Authorization Basic base64(username:password)', async () => {
    const auth = { type: 'basic', username: 'hub', secretEnv: 'QN_PASSWORD' } as const;
    const headers = await headersSent(auth, { QN_PASSWORD: 'p@ss:word' });
    expect(headers.authorization).toBe(`Basic ${Buffer.from('hub:p@ss:word').toString('base64')}`);
  });

  it('bearer: Authorization Bearer token', async () => {
    const auth = { type: 'bearer', secretEnv: 'QN_TOKEN' } as const;
    const headers = await headersSent(auth, { QN_TOKEN: 'tok-9' });
    expect(headers.authorization).toBe('Bearer tok-9');
  });

  it('none: no credentials at all', async () => {
    const headers = await headersSent({ type: 'none' }, {});
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
  });
});

describe('rest-json config schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  const validate = ajv.compile(restJsonConfigSchema);

  it('accepts the Quy Nhơn example from the README', () => {
    const example = {
      baseUrl: 'http://127.0.0.1:4101',
      checkPath: '/api/v1/ping',
      listPath: '/api/v1/don-thu',
      auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' },
      params: {
        page: 'trang',
        pageSize: 'soBanGhi',
        modifiedSince: 'capNhatTu',
        afterId: 'sauMaDon',
      },
      response: { items: 'duLieu', totalPages: 'tongSoTrang' },
      record: { id: 'maDon', modified: 'ngayCapNhat' },
      pageSize: 200,
      lookbackSeconds: 60,
    };
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects unknown keys, a secret value in place of its name, and pageSize over 500', () => {
    const base = quynhonConfig();
    expect(validate({ ...base, retries: 3 })).toBe(false);
    expect(validate({ ...base, auth: { type: 'bearer', secretEnv: 'QN_TOKEN', token: 'x' } })).toBe(
      false,
    );
    expect(validate({ ...base, auth: { type: 'bearer', secretEnv: 'not a name!' } })).toBe(false);
    expect(validate({ ...base, pageSize: 501 })).toBe(false);
  });

  it('marks every secretEnv write-only', () => {
    const auth = restJsonConfigSchema.properties.auth.oneOf;
    const withSecret = auth.filter((a) => 'secretEnv' in a.properties);
    expect(withSecret).toHaveLength(3);
    for (const a of withSecret) {
      expect('secretEnv' in a.properties && a.properties.secretEnv.writeOnly).toBe(true);
    }
  });
});
