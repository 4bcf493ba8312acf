/**
 * Credentials of the Hà Nội simulator: HTTP Basic, or a WS-Security UsernameToken in the SOAP
 * header (PasswordText, or PasswordDigest = Base64(SHA-1(nonce + created + password)) with a
 * Created time within five minutes). Comparisons are constant-time on SHA-256 digests.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { childOf, textOf } from './soap.ts';

/** The account clients must present. */
export interface HanoiCredentials {
  readonly username: string;
  readonly password: string;
}

const FRESHNESS_MS = 5 * 60 * 1000;

function same(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/** True when the Authorization header carries the right Basic credentials. */
export function basicOk(header: string | undefined, creds: HanoiCredentials): boolean {
  if (header === undefined || !header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  return (
    same(decoded.slice(0, colon), creds.username) && same(decoded.slice(colon + 1), creds.password)
  );
}

/** Result of checking a SOAP header's UsernameToken. */
export type WsseResult = 'ok' | 'missing' | 'failed';

/** Checks the UsernameToken of a parsed SOAP Header. */
export function wsseCheck(
  header: Record<string, unknown>,
  creds: HanoiCredentials,
  nowMs: number,
): WsseResult {
  const token = childOf(header['Security'], 'UsernameToken');
  if (token === undefined) return 'missing';
  const user = textOf(childOf(token, 'Username')) ?? '';
  const passwordEl = childOf(token, 'Password');
  const given = textOf(passwordEl) ?? '';
  const typeAttr = childOf(childOf(passwordEl, '$'), 'Type');
  const type = typeof typeAttr === 'string' ? typeAttr : '';
  if (!same(user, creds.username)) return 'failed';
  if (!type.endsWith('#PasswordDigest')) return same(given, creds.password) ? 'ok' : 'failed';
  const nonce = textOf(childOf(token, 'Nonce')) ?? '';
  const created = textOf(childOf(token, 'Created')) ?? '';
  const at = Date.parse(created);
  if (Number.isNaN(at) || Math.abs(nowMs - at) > FRESHNESS_MS) return 'failed';
  const digest = createHash('sha1')
    .update(
      Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created + creds.password, 'utf8')]),
    )
    .digest('base64');
  return same(given, digest) ? 'ok' : 'failed';
}
