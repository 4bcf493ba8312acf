/** Sign-in, sign-out, the session API and the stylesheet. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { authenticate, DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../../auth/users.ts';
import { ANY_ROLE } from '../../auth/roles.ts';
import { HubError } from '../../lib/errors.ts';
import { appendAudit } from '../../store/audit-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import { loginPage } from './pages/login.ts';
import type { DashboardDeps } from './deps.ts';

const CSS = readFileSync(new URL('./dashboard.css', import.meta.url), 'utf8');

/** Sends a page as HTML. */
export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

/** Only local paths: never an absolute or protocol-relative URL (open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

interface LoginBody {
  username?: string;
  password?: string;
  next?: string;
}

/** Registers the session routes. */
export function sessionRoutes(app: FastifyInstance, deps: DashboardDeps): void {
  const limits: LoginLimits = deps.loginLimits ?? DEFAULT_LOGIN_LIMITS;
  app.get('/assets/dashboard.css', { config: { roles: 'public' } }, (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );
  app.get<{ Querystring: { next?: string } }>(
    '/login',
    { config: { roles: 'public' } },
    (req, reply) =>
      sendPage(reply, loginPage(pageContext(req, reply), safeNext(req.query.next), null)),
  );
  app.post<{ Body: LoginBody }>('/login', { config: { roles: 'public' } }, async (req, reply) => {
    const body = req.body ?? {};
    const next = safeNext(body.next);
    try {
      const user = await authenticate(
        deps.pool,
        {
          username: String(body.username ?? ''),
          password: String(body.password ?? ''),
          ip: req.ip,
        },
        limits,
      );
      await req.session.regenerate();
      req.session.user = user;
      req.user = user;
      if (!(req.headers.accept ?? '').includes('text/html')) return { user };
      return reply.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof HubError)) throw err;
      const limited = err.code === 'KNTC_LOGIN_RATE_LIMITED';
      const status = limited ? 429 : 401;
      if (!(req.headers.accept ?? '').includes('text/html')) {
        return reply.status(status).send({ code: err.code, message: err.message, hint: err.hint });
      }
      const page = loginPage(
        pageContext(req, reply),
        next,
        limited ? 'loginLimited' : 'loginFailed',
      );
      return sendPage(reply, page, status);
    }
  });
  app.post('/logout', { config: { roles: ANY_ROLE } }, async (req, reply) => {
    await appendAudit(deps.pool, {
      actor: req.user?.username ?? null,
      actorRole: req.user?.role ?? null,
      action: 'logout',
      ip: req.ip,
    });
    await req.session.destroy();
    return reply.redirect('/login', 303);
  });
  app.get('/api/v1/session', { config: { roles: ANY_ROLE } }, (req, reply) => ({
    user: req.user,
    csrfToken: reply.generateCsrf(),
  }));
}
