// The secrets key and AES-256-GCM sealing of console sources' secrets, and KNTC_SECRETS_KEY parsing.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../src/config/settings.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { SecretKey } from '../../../src/lib/secret-box.ts';

const SECRET = 'api-key-Ωmega-7731';
const AAD = 'kntc-hub/source-secret/phuong-a/KNTC_SRC_PHUONG_A_AUTH';

function thrown(fn: () => unknown): HubError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HubError) return err;
    throw err;
  }
  throw new Error('expected a HubError');
}

describe('SecretKey', () => {
  it('seals and opens a value, with a fresh IV each time and no plaintext in the ciphertext', () => {
    const key = SecretKey.generate();
    const a = key.seal(SECRET, AAD);
    const b = key.seal(SECRET, AAD);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.keyId).toBe(key.id);
    expect(a.ciphertext.includes(Buffer.from(SECRET))).toBe(false);
    expect(key.open(a, AAD, 'X')).toBe(SECRET);
    expect(key.open(b, AAD, 'X')).toBe(SECRET);
  });

  it('reads back a key from its base64 text with the same id', () => {
    const key = SecretKey.generate();
    const again = SecretKey.fromBase64(`${key.toBase64()}\n`);
    expect(again.id).toBe(key.id);
    expect(again.open(key.seal(SECRET, AAD), AAD, 'X')).toBe(SECRET);
  });

  it('refuses a value sealed with another key, naming both key ids and what to do', () => {
    const old = SecretKey.generate();
    const current = SecretKey.generate();
    const e = thrown(() =>
      current.open(old.seal(SECRET, AAD), AAD, 'KNTC_SRC_A_AUTH of source "a"'),
    );
    expect(e.code).toBe('KNTC_CONFIG_INVALID');
    expect(e.message).toContain('the key was changed');
    expect(e.message).toContain(old.id);
    expect(e.message).toContain(current.id);
    expect(e.message).toContain('KNTC_SRC_A_AUTH');
    expect(e.hint).toMatch(/KNTC_SECRETS_KEY back|enter the secret again/);
    expect(e.message).not.toContain(SECRET);
  });

  it('refuses a tampered ciphertext, tag, or a value moved to another source', () => {
    const key = SecretKey.generate();
    const sealed = key.seal(SECRET, AAD);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const badTag = Buffer.from(sealed.tag);
    badTag[3] = (badTag[3] ?? 0) ^ 0x80;
    for (const attempt of [
      () => key.open({ ...sealed, ciphertext: flipped }, AAD, 'X'),
      () => key.open({ ...sealed, tag: badTag }, AAD, 'X'),
      () => key.open(sealed, 'kntc-hub/source-secret/other/KNTC_SRC_OTHER_AUTH', 'X'),
    ]) {
      const e = thrown(attempt);
      expect(e.code).toBe('KNTC_CONFIG_INVALID');
      expect(e.message).toMatch(/cannot be decrypted: the stored value was altered/);
    }
  });

  it('refuses a key that is not base64 of 32 bytes without echoing it, and says how to make one', () => {
    for (const bad of [
      'not-a-key',
      Buffer.alloc(16, 7).toString('base64'),
      'QUJD' + '='.repeat(40),
    ]) {
      const e = thrown(() => SecretKey.fromBase64(bad));
      expect(e.message).toContain('KNTC_SECRETS_KEY');
      expect(e.message).not.toContain(bad);
      expect(e.hint).toContain('openssl rand -base64 32');
    }
  });

  it('never shows its bytes in JSON or inspection', () => {
    const key = SecretKey.generate();
    const b64 = key.toBase64();
    expect(JSON.stringify({ key })).not.toContain(b64);
    expect(JSON.stringify({ key })).toContain(key.id);
    expect(inspect(key)).not.toContain(b64);
  });
});

describe('readSettings: secrets', () => {
  it('parses KNTC_SECRETS_KEY and keeps only KNTC_SRC_* variables as fallbacks, never serialised', () => {
    const key = SecretKey.generate().toBase64();
    const s = readSettings({
      KNTC_SECRETS_KEY: key,
      KNTC_SRC_PHUONG_A_AUTH: 'env-secret-1',
      QUYNHON_API_KEY: 'not-for-console',
    });
    expect(s.secretsKey?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(s.sourceSecretEnv?.('KNTC_SRC_PHUONG_A_AUTH')).toBe('env-secret-1');
    expect(s.sourceSecretEnv?.('QUYNHON_API_KEY')).toBeUndefined();
    const text = JSON.stringify(s);
    expect(text).not.toContain(key);
    expect(text).not.toContain('env-secret-1');
  });

  it('has no key by default and names the variable when it is bad', () => {
    expect(readSettings({}).secretsKey).toBeUndefined();
    expect(() => readSettings({ KNTC_SECRETS_KEY: 'short' })).toThrow(/KNTC_SECRETS_KEY/);
  });
});
