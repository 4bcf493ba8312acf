/**
 * Password hashing with scrypt (node:crypto): a random 16-byte salt per password, the cost stored
 * with the hash so it can be raised later without breaking existing accounts, and a
 * constant-time comparison. The default cost (N = 2^15, r = 8, p = 1) takes about 50–100 ms on
 * the hub's small servers: slow for a guesser, quick enough for a sign-in.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost parameters. */
export interface KdfCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** The cost used for new passwords. */
export const DEFAULT_COST: KdfCost = { log2N: 15, r: 8, p: 1 };

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, cost: KdfCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  const options: ScryptOptions = { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/** Hashes a password: `scrypt$<log2N>$<r>$<p>$<salt>$<hash>` (base64). */
export async function hashPassword(
  password: string,
  cost: KdfCost = DEFAULT_COST,
): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, cost);
  return [
    'scrypt',
    cost.log2N,
    cost.r,
    cost.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

function parse(stored: string): { cost: KdfCost; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [log2N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const sane = (n: number, max: number): boolean => Number.isInteger(n) && n >= 1 && n <= max;
  if (!sane(log2N, 20) || !sane(r, 32) || !sane(p, 16)) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const key = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length < 8 || key.length !== KEY_LENGTH) return null;
  return { cost: { log2N, r, p }, salt, key };
}

/** True when `password` matches `stored`; false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key);
}

/** A hash to verify against when the account does not exist, so timing does not tell. */
export const DUMMY_HASH =
  'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
