/**
 * The hub's bearer token for the national database: fetched with HTTP Basic client id/secret,
 * cached until shortly before it expires, and fetched once for many concurrent requests.
 */
import type { AxiosInstance } from 'axios';
import { HubError } from '../lib/errors.ts';
import { NATIONAL_PATHS, type TokenReply } from './contract.ts';
import { toNationalError } from './errors.ts';

/** Seconds before expiry at which a cached token is no longer used (capped at a tenth of the TTL). */
const EXPIRY_MARGIN_SECONDS = 30;

/** Gives a valid bearer token, fetching one when the cached one is absent or about to expire. */
export interface TokenSource {
  get(): Promise<string>;
  /** Forgets the cached token (after a 401 TOKEN_EXPIRED / TOKEN_INVALID). */
  invalidate(): void;
}

function isTokenReply(data: unknown): data is TokenReply {
  const d = data as Partial<TokenReply> | null;
  return typeof d?.access_token === 'string' && typeof d.expires_in === 'number';
}

/** Creates the token cache over an axios instance whose baseURL is the national API. */
export function createTokenSource(
  http: AxiosInstance,
  credentials: { clientId: string; secret: string },
  now: () => number = Date.now,
): TokenSource {
  let cached: { token: string; usableUntil: number } | null = null;
  let pending: Promise<string> | null = null;
  const ctx = { method: 'POST', path: NATIONAL_PATHS.token };

  async function fetchToken(): Promise<string> {
    let data: unknown;
    try {
      const res = await http.post(NATIONAL_PATHS.token, null, {
        auth: { username: credentials.clientId, password: credentials.secret },
      });
      data = res.data;
    } catch (err) {
      throw toNationalError(err, ctx);
    }
    if (!isTokenReply(data)) {
      const msg = `National database sent no access_token/expires_in from POST ${NATIONAL_PATHS.token}`;
      throw new HubError('KNTC_NATIONAL_HTTP', msg, { retryable: true, details: ctx });
    }
    const margin = Math.min(EXPIRY_MARGIN_SECONDS, data.expires_in / 10);
    cached = { token: data.access_token, usableUntil: now() + (data.expires_in - margin) * 1000 };
    return data.access_token;
  }

  return {
    get() {
      if (cached !== null && now() < cached.usableUntil) return Promise.resolve(cached.token);
      pending ??= fetchToken().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate() {
      cached = null;
    },
  };
}
