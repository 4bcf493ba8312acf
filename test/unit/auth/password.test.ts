import { describe, expect, it } from 'vitest';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../../../src/auth/password.ts';

const LOW = { log2N: 10, r: 8, p: 1 };

describe('scrypt password hashes', () => {
  it('verifies the right password only, with a fresh salt per hash', async () => {
    const a = await hashPassword('mật khẩu đủ dài', LOW);
    const b = await hashPassword('mật khẩu đủ dài', LOW);
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('mật khẩu đủ dài', a)).toBe(true);
    expect(await verifyPassword('mật khẩu đủ dài ', a)).toBe(false);
    expect(await verifyPassword('Mật khẩu đủ dài', a)).toBe(false);
  });

  it('treats NFC and NFD spellings of a Vietnamese password alike', async () => {
    const h = await hashPassword('Hoà Bình 2026', LOW);
    expect(await verifyPassword('Hoà Bình 2026'.normalize('NFD'), h)).toBe(true);
  });

  it('uses the default cost N = 2^15 and keeps verifying old cheaper hashes', async () => {
    const h = await hashPassword('default-cost-password');
    expect(h.startsWith('scrypt$15$8$1$')).toBe(true);
    expect(await verifyPassword('default-cost-password', h)).toBe(true);
  });

  it('rejects malformed or absurd hashes without throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$40$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', DUMMY_HASH)).toBe(false);
  });
});
