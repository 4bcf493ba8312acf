// The sql config: closed schema (unknown keys, two ways to connect at once, a non-SELECT query
// all fail at load), defaults filled by the adapter itself, secrets only by variable name.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sqlConfigSchema, type SqlConfig } from '../../../../adapters/sql/index.ts';
import { resolveSettings } from '../../../../adapters/sql/settings.ts';
import { HubError } from '../../../../src/lib/errors.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const ajv = new Ajv2020({ allErrors: true, useDefaults: false, strict: false });
addFormats(ajv);
const validate = ajv.compile(sqlConfigSchema);

const base: SqlConfig = {
  connection: {
    host: 'db.huyen.local',
    database: 'qlvb',
    user: 'kntc_reader',
    passwordSecretEnv: 'DISTRICT_DB_PASSWORD',
    sslmode: 'verify-full',
  },
  query: 'SELECT * FROM sim_district.v_don_thu_tich_hop',
  watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
  key: { column: 'so_don' },
};
const secrets = { DISTRICT_DB_PASSWORD: 's3cret!' };

function thrown(f: () => unknown): HubError {
  try {
    f();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError');
}

describe('sql config schema', () => {
  it('accepts a host/port config and a URL-secret config', () => {
    expect(validate(base)).toBe(true);
    const byUrl = { ...base, connection: { urlSecretEnv: 'DISTRICT_DB_URL', sslmode: 'require' } };
    expect(validate(byUrl)).toBe(true);
  });

  it.each([
    ['an unknown key', { ...base, pagesize: 10 }],
    ['both ways to connect', { ...base, connection: { ...base.connection, urlSecretEnv: 'X' } }],
    ['no sslmode', { ...base, connection: { host: 'h', database: 'd', user: 'u' } }],
    ['a query that is not a SELECT', { ...base, query: 'DELETE FROM don_thu' }],
    ['a watermark type it cannot cast', { ...base, watermark: { column: 'x', type: 'date' } }],
    ['a column name with a quote', { ...base, key: { column: 'so"don' } }],
    ['a password in the config', { ...base, connection: { ...base.connection, password: 'x' } }],
    ['a page size of 0', { ...base, pageSize: 0 }],
  ])('rejects %s', (_what, config) => {
    expect(validate(config)).toBe(false);
  });
});

describe('resolveSettings', () => {
  it('fills every default and resolves the password from the secrets', () => {
    const s = resolveSettings('district-sql', base, secrets);
    expect(s).toMatchObject({
      target: { host: 'db.huyen.local', port: 5432, password: 's3cret!', connectTimeoutMs: 10_000 },
      key: { column: 'so_don', type: 'text' },
      timeZone: 'Asia/Ho_Chi_Minh',
      pageSize: 500,
      statementTimeoutMs: 30_000,
      lookback: 0,
      maxPages: 10_000,
    });
  });

  it('reads host, port, user, database and password from the URL, ignoring its sslmode', () => {
    const config: SqlConfig = {
      ...base,
      connection: { urlSecretEnv: 'U', sslmode: 'verify-full' },
    };
    const s = resolveSettings('district-sql', config, {
      U: 'postgres://kntc%40ro:p%3Ass@10.0.0.5:6543/qlvb?sslmode=disable',
    });
    expect(s.target).toMatchObject({
      host: '10.0.0.5',
      port: 6543,
      database: 'qlvb',
      user: 'kntc@ro',
      password: 'p:ss',
      sslmode: 'verify-full',
    });
  });

  it('names the missing variable, never a secret', () => {
    const err = thrown(() => resolveSettings('district-sql', base, {}));
    expect(err.code).toBe('KNTC_CONFIG_INVALID');
    expect(err.message).toContain('DISTRICT_DB_PASSWORD');
    expect(err.message).toContain('connection.passwordSecretEnv');
  });

  it('refuses a URL secret that is not a postgres URL without echoing it', () => {
    const config: SqlConfig = { ...base, connection: { urlSecretEnv: 'U', sslmode: 'disable' } };
    const err = thrown(() => resolveSettings('district-sql', config, { U: 'mysql://u:pw@h/d' }));
    expect(err.code).toBe('KNTC_CONFIG_INVALID');
    expect(err.message).not.toContain('pw');
  });

  it('allows a trailing semicolon but refuses a second statement', () => {
    expect(resolveSettings('s', { ...base, query: 'SELECT 1 AS a;  ' }, secrets).query).toBe(
      'SELECT 1 AS a',
    );
    const err = thrown(() =>
      resolveSettings('s', { ...base, query: 'SELECT 1; DROP TABLE don_thu' }, secrets),
    );
    expect(err.code).toBe('KNTC_CONFIG_INVALID');
  });
});
