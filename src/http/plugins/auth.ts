/**
 * Sign-in sessions and access control for the whole app. Registered once at the root (it is not
 * encapsulated), it adds cookies, PostgreSQL-backed sessions, CSRF tokens and two hooks that run
 * for every route, including those registered elsewhere:
 * - onRequest: the route's roles (its `config.roles`, or ROUTE_POLICY) against the session's
 *   account, re-read from the database so a disabled or re-roled account takes effect at once;
 *   anonymous → 401 (browsers are sent to /login), wrong role → 403 KNTC_FORBIDDEN, undeclared
 *   route → 403 for everyone;
 * - preHandler: unsafe methods must carry the session's CSRF token (form field `_csrf` or header
 *   `csrf-token`) → else 403 KNTC_CSRF.
 */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import session from '@fastify/session';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { PgSessionStore } from '../../auth/session-store.ts';
import type { SessionUser } from '../../auth/users.ts';
import { findUserById } from '../../store/users-repo.ts';
import { getOrCreateKey, purgeExpiredSessions } from '../../store/sessions-repo.ts';
import { csrfPage, forbiddenPage } from '../dashboard/pages/denied.ts';
import { pickLang } from '../dashboard/messages.ts';
import type { PageContext } from '../dashboard/layout.ts';
import { isUnsafeMethod, policyOf } from './route-policy.ts';

declare module 'fastify' {
  interface Session {
    user?: SessionUser;
  }
  interface FastifyRequest {
    /** The signed-in account, set by the access hook (null when anonymous). */
    user: SessionUser | null;
  }
}

/** Options of the auth plugin. */
export interface AuthOptions {
  readonly pool: pg.Pool;
  /** Secure cookie attribute: true behind HTTPS, 'auto' to follow the request (default). */
  readonly cookieSecure?: boolean | 'auto';
  readonly sessionTtlMs?: number;
}

/** The page context of a request (language, account, a fresh CSRF token when there is a session). */
export function pageContext(req: FastifyRequest, reply: FastifyReply): PageContext {
  const query = req.query as Record<string, unknown> | undefined;
  return {
    lang: pickLang(query?.['lang'], req.cookies['lang']),
    user: req.user,
    csrf: reply.generateCsrf(),
    path: req.url.replace(/([?&])lang=(vi|en)&?/, '$1').replace(/[?&]$/, ''),
  };
}

function wantsHtml(req: FastifyRequest): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

function deny(
  req: FastifyRequest,
  reply: FastifyReply,
  code: 'KNTC_AUTH_REQUIRED' | 'KNTC_FORBIDDEN' | 'KNTC_CSRF',
): FastifyReply {
  if (code === 'KNTC_AUTH_REQUIRED' && wantsHtml(req)) {
    return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
  }
  const status = code === 'KNTC_AUTH_REQUIRED' ? 401 : 403;
  const accept = req.headers.accept ?? '';
  if (accept.includes('text/html') && code !== 'KNTC_AUTH_REQUIRED') {
    const ctx = pageContext(req, reply);
    const page = code === 'KNTC_CSRF' ? csrfPage(ctx) : forbiddenPage(ctx);
    return reply.status(status).type('text/html; charset=utf-8').send(page);
  }
  const message =
    code === 'KNTC_AUTH_REQUIRED'
      ? 'Sign in first.'
      : code === 'KNTC_CSRF'
        ? 'The CSRF token is missing or wrong.'
        : `Your role may not call ${req.method} ${req.routeOptions.url ?? req.url}.`;
  return reply.status(status).send({ code, message, requestId: req.id });
}

/** Resolves the CSRF check of @fastify/csrf-protection to true/false instead of an error reply. */
function csrfValid(app: FastifyInstance, req: FastifyRequest): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = { send: (): unknown => resolve(false) };
    app.csrfProtection(req, probe as unknown as FastifyReply, () => resolve(true));
  });
}

function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin ?? req.headers.referer;
  if (origin === undefined) return false;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function currentUser(pool: pg.Pool, req: FastifyRequest): Promise<SessionUser | null> {
  const held = req.session.user;
  if (held === undefined) return null;
  const row = await findUserById(pool, held.id);
  if (row === null || row.disabled) return null;
  return { id: row.id, username: row.username, role: row.role };
}

async function registerAuth(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  await app.register(cookie);
  await app.register(session, {
    secret: await getOrCreateKey(opts.pool, 'session-cookie'),
    cookieName: 'kntc_sid',
    store: new PgSessionStore(opts.pool, opts.sessionTtlMs),
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.cookieSecure ?? 'auto',
      path: '/',
      maxAge: opts.sessionTtlMs ?? 8 * 60 * 60 * 1000,
    },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/session' });
  app.decorateRequest('user', null);
  // Expired sessions are refused on read; this only keeps the table small.
  const purge = setInterval(() => {
    purgeExpiredSessions(opts.pool).catch((err: unknown) =>
      app.log.warn({ err }, 'could not purge expired sessions'),
    );
  }, 3_600_000);
  purge.unref();
  app.addHook('onClose', () => {
    clearInterval(purge);
    return Promise.resolve();
  });
  app.addHook('onRequest', async (req, reply) => {
    const url = req.routeOptions.url;
    if (url === undefined) return; // no route: the 404 handler answers
    const policy = policyOf(req.method, url, req.routeOptions.config);
    if (policy === null) {
      req.log.warn({ url, method: req.method }, 'route declares no roles: refused');
      return deny(req, reply, 'KNTC_FORBIDDEN');
    }
    req.user = await currentUser(opts.pool, req);
    if (policy.roles === 'public') return;
    if (req.user === null) return deny(req, reply, 'KNTC_AUTH_REQUIRED');
    if (!policy.roles.includes(req.user.role)) return deny(req, reply, 'KNTC_FORBIDDEN');
  });
  app.addHook('preHandler', async (req, reply) => {
    const url = req.routeOptions.url;
    if (url === undefined || !isUnsafeMethod(req.method)) return;
    const policy = policyOf(req.method, url, req.routeOptions.config);
    const ok = policy?.csrf === false ? sameOrigin(req) : await csrfValid(app, req);
    if (!ok) return deny(req, reply, 'KNTC_CSRF');
  });
}

/** The auth plugin, not encapsulated: its hooks guard every route of the app. */
export const authPlugin = Object.assign(registerAuth, {
  [Symbol.for('skip-override')]: true,
});
