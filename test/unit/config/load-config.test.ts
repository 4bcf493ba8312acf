import { describe, expect, it } from 'vitest';
import { checkConfig, secretEnvNames } from '../../../src/config/load-config.ts';
import { HubError } from '../../../src/lib/errors.ts';

const adapters = {
  'rest-json': {
    type: 'object',
    additionalProperties: false,
    required: ['baseUrl'],
    properties: { baseUrl: { type: 'string' }, auth: { type: 'object' } },
  },
};

const doc = () => ({
  national: { baseUrl: 'http://127.0.0.1:4200', clientId: 'hub', secretEnv: 'NAT_SECRET' },
  sources: [
    {
      id: 'quynhon-web',
      name: 'Quy Nhơn',
      adapter: 'rest-json',
      mapping: 'mappings/quynhon-web.yaml',
      schedule: '*/5 * * * *',
      config: { baseUrl: 'http://127.0.0.1:4101', auth: { secretEnv: 'QN_KEY' } },
    },
  ],
});

const env = { NAT_SECRET: 's1', QN_KEY: 'k1' };

function problems(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(HubError);
    return (err as HubError).message;
  }
  throw new Error('expected a config error');
}

describe('checkConfig', () => {
  it('applies defaults, resolves secrets and freezes the result', () => {
    const c = checkConfig(doc(), '/srv/hub/config/hub.yaml', adapters, env);
    expect(c.push.concurrency).toBe(8);
    expect(c.national.secret).toBe('s1');
    expect(c.sources[0]?.secrets).toEqual({ QN_KEY: 'k1' });
    expect(c.sources[0]?.mappingPath).toBe('/srv/hub/mappings/quynhon-web.yaml');
    expect(c.sources[0]?.enabled).toBe(true);
    expect(Object.isFrozen(c.sources[0])).toBe(true);
  });

  it('lists every problem at once: unknown key, missing secret, unknown adapter, bad adapter config', () => {
    const d = doc() as Record<string, unknown> & ReturnType<typeof doc>;
    const bad = {
      ...d,
      sources: [
        { ...d.sources[0], config: { baseUrl: 'x', extra: 1, auth: { secretEnv: 'QN_KEY' } } },
        { ...d.sources[0], id: 'other-src', adapter: 'ftp' },
      ],
    };
    const msg = problems(() => checkConfig(bad, 'hub.yaml', adapters, { NAT_SECRET: 's' }));
    expect(msg).toContain('sources[0] (quynhon-web).config');
    expect(msg).toContain('"extra"');
    expect(msg).toContain('QN_KEY is not set');
    expect(msg).toContain('unknown adapter "ftp"');
    expect(msg).not.toContain('k1');
  });

  it('rejects a schedule that is not a cron expression', () => {
    const d = doc();
    const bad = { ...d, sources: [{ ...d.sources[0], schedule: 'every 5 minutes' }] };
    expect(problems(() => checkConfig(bad, 'hub.yaml', adapters, env))).toContain(
      'is not a cron expression',
    );
  });

  it('rejects an unknown top-level key and a duplicate source id', () => {
    expect(
      problems(() => checkConfig({ ...doc(), nationnal: {} }, 'hub.yaml', adapters, env)),
    ).toContain('"nationnal"');
    const d = doc();
    expect(
      problems(() =>
        checkConfig({ ...d, sources: [d.sources[0], d.sources[0]] }, 'hub.yaml', adapters, env),
      ),
    ).toContain('duplicate source id');
  });
});

describe('secretEnvNames', () => {
  it('finds secretEnv and *SecretEnv keys at any depth', () => {
    expect(
      secretEnvNames({ a: { secretEnv: 'A' }, b: [{ tokenSecretEnv: 'B' }], c: 'secretEnv' }),
    ).toEqual(['A', 'B']);
  });
});
