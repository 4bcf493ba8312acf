/**
 * Authentication of the national simulator: POST /api/v1/auth/token takes HTTP Basic client
 * id/secret and issues an opaque bearer token with a TTL; every other /api route requires
 * `Authorization: Bearer <token>`. Expired and unknown tokens get distinct 401 codes
 * (TOKEN_EXPIRED, TOKEN_INVALID) so a client knows to fetch a new token and retry.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NationalErrorBody, TokenReply } from '../../national/contract.ts';

/** One client the simulator accepts. */
export interface NationalClientCredentials {
  readonly clientId: string;
  readonly secret: string;
}

/** Token issuing and checking. */
export interface TokenAuthority {
  /** Issues a token for Basic credentials, or null when they are wrong. */
  issue(authorization: string | undefined): TokenReply | null;
  /** Makes every issued token expired now (a token expiring in the middle of a run). */
  expireAll(): void;
  /** onRequest hook for bearer-protected routes. */
  readonly requireBearer: (
    req: FastifyRequest,
    reply: FastifyReply,
  ) => Promise<FastifyReply | undefined>;
}

/** Tokens kept before expired ones are swept (the hub reuses one token, so this is rarely hit). */
const SWEEP_THRESHOLD = 1000;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseBasic(header: string | undefined): NationalClientCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { clientId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function unauthorised(reply: FastifyReply, body: NationalErrorBody): FastifyReply {
  const challenge = body.error === 'TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"';
  return reply.code(401).header('www-authenticate', challenge).send(body);
}

/** Creates the token authority over the configured clients and a clock. */
export function createTokenAuthority(
  clients: readonly NationalClientCredentials[],
  ttlSeconds: number,
  now: () => number,
): TokenAuthority {
  const secrets = new Map(clients.map((c) => [c.clientId, c.secret]));
  const tokens = new Map<string, { clientId: string; expiresAt: number }>();

  function sweep(): void {
    const t = now();
    for (const [token, entry] of tokens) if (entry.expiresAt <= t) tokens.delete(token);
  }

  return {
    issue(authorization) {
      const creds = parseBasic(authorization);
      const secret = creds === null ? undefined : secrets.get(creds.clientId);
      if (creds === null || secret === undefined || !sameSecret(secret, creds.secret)) return null;
      if (tokens.size >= SWEEP_THRESHOLD) sweep();
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { clientId: creds.clientId, expiresAt: now() + ttlSeconds * 1000 });
      return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds };
    },
    expireAll() {
      const t = now();
      for (const entry of tokens.values()) entry.expiresAt = Math.min(entry.expiresAt, t);
    },
    async requireBearer(req, reply) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const token = match?.[1];
      if (token === undefined) {
        const message = 'Send Authorization: Bearer <token> from POST /api/v1/auth/token';
        return unauthorised(reply, { error: 'TOKEN_MISSING', message });
      }
      const entry = tokens.get(token);
      if (entry === undefined) {
        const message = 'Unknown bearer token; request a new one';
        return unauthorised(reply, { error: 'TOKEN_INVALID', message });
      }
      if (entry.expiresAt <= now()) {
        const message = 'Bearer token expired; request a new one';
        return unauthorised(reply, { error: 'TOKEN_EXPIRED', message });
      }
      return undefined;
    },
  };
}
