import { describe, expect, it } from 'vitest';
import { readSettings, redactUrl } from '../../../src/config/settings.ts';

describe('readSettings', () => {
  it('has working defaults for a fresh machine', () => {
    const s = readSettings({});
    expect(s.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/kntc_hub');
    expect(s.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(s.port).toBe(3000);
    expect(s.configPath).toBe('config/hub.yaml');
  });

  it('names the bad variable', () => {
    expect(() => readSettings({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readSettings({ DATABASE_SCHEMA: 'Drop Table' })).toThrow(/DATABASE_SCHEMA/);
  });
});

describe('redactUrl', () => {
  it('hides the password but keeps where it points', () => {
    expect(redactUrl('postgres://hub:s3cret@db.local:5432/kntc')).toBe(
      'postgres://hub:***@db.local:5432/kntc',
    );
  });
});
