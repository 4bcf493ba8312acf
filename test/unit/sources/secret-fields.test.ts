// Which secret fields a console source's config has, and the names the hub gives them.
import { describe, expect, it } from 'vitest';
import { ADAPTER_SCHEMAS } from '../../../adapters/index.ts';
import { secretNameFor, secretPaths, withSecretNames } from '../../../src/sources/secret-fields.ts';

const rest = ADAPTER_SCHEMAS['rest-json'] ?? {};
const sql = ADAPTER_SCHEMAS['sql'] ?? {};
const ENV_PATTERN = /^[A-Z][A-Z0-9_]*$/;

describe('secretNameFor', () => {
  it('names each secret KNTC_SRC_<ID>_<PATH> in upper snake case', () => {
    expect(secretNameFor('phuong-ghenh-rang', 'auth.secretEnv')).toBe(
      'KNTC_SRC_PHUONG_GHENH_RANG_AUTH',
    );
    expect(secretNameFor('district-db', 'connection.urlSecretEnv')).toBe(
      'KNTC_SRC_DISTRICT_DB_CONNECTION_URL',
    );
    expect(secretNameFor('d2', 'connection.passwordSecretEnv')).toBe(
      'KNTC_SRC_D2_CONNECTION_PASSWORD',
    );
    expect(secretNameFor('x9', 'secretEnv')).toBe('KNTC_SRC_X9_SECRET');
    for (const n of ['a-b', '0-z', 'abc'])
      expect(secretNameFor(n, 'auth.secretEnv')).toMatch(ENV_PATTERN);
  });
});

describe('secretPaths', () => {
  it('follows the authentication kind the config chose', () => {
    expect(secretPaths(rest, { auth: { type: 'apiKey', header: 'X-Api-Key' } })).toEqual([
      'auth.secretEnv',
    ]);
    expect(secretPaths(rest, { auth: { type: 'apiKey' } })).toEqual(['auth.secretEnv']);
    expect(secretPaths(rest, { auth: { type: 'none' } })).toEqual([]);
    expect(secretPaths(rest, {})).toEqual([]);
  });

  it('tells a database URL from host and user, and keeps an optional password only when asked', () => {
    expect(secretPaths(sql, { connection: { sslmode: 'disable' } })).toEqual([
      'connection.urlSecretEnv',
    ]);
    const byFields = { connection: { host: 'db', database: 'd', user: 'u', sslmode: 'disable' } };
    expect(secretPaths(sql, byFields)).toEqual([]);
    expect(secretPaths(sql, byFields, (p) => p === 'connection.passwordSecretEnv')).toEqual([
      'connection.passwordSecretEnv',
    ]);
  });

  it('sets the names in a copy and drops empty secret fields it does not keep', () => {
    const config = {
      auth: { type: 'apiKey', header: 'K', secretEnv: '' },
      extra: { passwordSecretEnv: '' },
    };
    const named = withSecretNames('phuong-a', config, ['auth.secretEnv']);
    expect(named).toEqual({
      auth: { type: 'apiKey', header: 'K', secretEnv: 'KNTC_SRC_PHUONG_A_AUTH' },
      extra: {},
    });
    expect(config.auth.secretEnv).toBe('');
  });
});
