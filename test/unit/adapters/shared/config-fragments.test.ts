// The config pieces the HTTP adapters share: paging knobs (bounds, per-adapter defaults, filling
// defaults), secret variable names (write-only, a name not a value), Basic and no auth.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  basicAuthHeader,
  basicAuthSchema,
  noAuthSchema,
} from '../../../../adapters/shared/http-auth.ts';
import { pagingProperties, resolvePaging } from '../../../../adapters/shared/paging-config.ts';
import { requireSecret, secretEnvSchema } from '../../../../adapters/shared/secrets.ts';
import { HubError } from '../../../../src/lib/errors.ts';

const DEFAULTS = { pageSize: 100, timeoutMs: 15_000, lookbackSeconds: 0, maxPages: 10_000 };

describe('paging config', () => {
  const ajv = new Ajv({ strict: true, useDefaults: true });
  const validate = ajv.compile({
    type: 'object',
    additionalProperties: false,
    properties: pagingProperties(DEFAULTS, 500),
  });

  it('bounds each knob, the page size by the adapter’s own limit', () => {
    expect(validate({ pageSize: 500, timeoutMs: 100, lookbackSeconds: 604_800, maxPages: 1 })).toBe(
      true,
    );
    for (const bad of [
      { pageSize: 501 },
      { pageSize: 0 },
      { timeoutMs: 99 },
      { timeoutMs: 600_001 },
      { lookbackSeconds: -1 },
      { lookbackSeconds: 604_801 },
      { maxPages: 0 },
      { maxPages: 1.5 },
    ]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('declares the adapter’s defaults in the schema', () => {
    const config: Record<string, unknown> = {};
    expect(validate(config)).toBe(true);
    expect(config).toEqual(DEFAULTS);
  });

  it('fills the defaults itself, whether or not the loader applied them', () => {
    expect(resolvePaging({}, DEFAULTS)).toEqual(DEFAULTS);
    expect(resolvePaging({ pageSize: 7, lookbackSeconds: 60 }, DEFAULTS)).toEqual({
      ...DEFAULTS,
      pageSize: 7,
      lookbackSeconds: 60,
    });
  });
});

describe('secrets named by config', () => {
  const ajv = new Ajv({ strict: false });

  it('accepts a variable name, write-only, never something that looks like a value', () => {
    const validate = ajv.compile(secretEnvSchema);
    expect(secretEnvSchema.writeOnly).toBe(true);
    expect(validate('QUYNHON_API_KEY')).toBe(true);
    expect(validate('p@ss word')).toBe(false);
    expect(validate('1ABC')).toBe(false);
  });

  it('reads the secret, or names the variable and the config field that named it', () => {
    expect(requireSecret('s', 'KEY', { KEY: 'v' }, 'auth.secretEnv')).toBe('v');
    for (const secrets of [{}, { KEY: '' }]) {
      let thrown: unknown;
      try {
        requireSecret('quynhon-web', 'KEY', secrets, 'auth.secretEnv');
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(HubError);
      expect(thrown).toMatchObject({ code: 'KNTC_CONFIG_INVALID', retryable: false });
      expect((thrown as HubError).message).toContain('quynhon-web');
      expect((thrown as HubError).message).toContain('KEY named by auth.secretEnv');
      expect((thrown as HubError).hint).toContain('Set KEY');
    }
  });
});

describe('Basic and no auth', () => {
  const ajv = new Ajv({ strict: false });

  it('Basic: a user name without ":" and the name of the password variable', () => {
    const validate = ajv.compile(basicAuthSchema);
    expect(validate({ type: 'basic', username: 'hub', secretEnv: 'PW' })).toBe(true);
    expect(validate({ type: 'basic', username: 'a:b', secretEnv: 'PW' })).toBe(false);
    expect(validate({ type: 'basic', username: 'hub', secretEnv: 'PW', password: 'x' })).toBe(
      false,
    );
  });

  it('none: nothing else allowed', () => {
    const validate = ajv.compile(noAuthSchema);
    expect(validate({ type: 'none' })).toBe(true);
    expect(validate({ type: 'none', secretEnv: 'PW' })).toBe(false);
  });

  it('sends Authorization: Basic base64(username:password), UTF-8', () => {
    expect(basicAuthHeader('hub', 'mật:khẩu')).toEqual({
      Authorization: `Basic ${Buffer.from('hub:mật:khẩu', 'utf8').toString('base64')}`,
    });
  });
});
