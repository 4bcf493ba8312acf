/**
 * The dashboard: server-rendered pages in Vietnamese (English with ?lang=en) for inspectors,
 * provincial IT and viewers, their JSON twins, bull-board for admins, and the auth plugin that
 * guards every route of the app. Register it once on the app (it is not encapsulated, so its
 * access hook also covers routes registered elsewhere):
 *   await app.register(registerDashboard, deps)
 */
import formbody from '@fastify/formbody';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../../lib/errors.ts';
import { listSourceStatus } from '../../store/sources-repo.ts';
import { errorHandler } from '../error-handler.ts';
import { authPlugin, pageContext } from '../plugins/auth.ts';
import { mountBullBoard } from './bull-board.ts';
import type { DashboardDeps } from './deps.ts';
import { notFoundPage } from './pages/denied.ts';
import { adminRoutes } from './routes-admin.ts';
import { consoleRoutes } from './routes-console.ts';
import { deadlineRoutes } from './routes-deadlines.ts';
import { petitionRoutes } from './routes-petitions.ts';
import { reviewPageRoutes } from './routes-review.ts';
import { sendPage, sessionRoutes } from './routes-session.ts';
import { viewRoutes } from './routes-views.ts';

export type { DashboardDeps } from './deps.ts';

/** HTML callers get a page for "not found"; everything else the hub's JSON error body. */
function dashboardErrors(err: FastifyError | HubError, req: FastifyRequest, reply: FastifyReply) {
  const html = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  const missing =
    err instanceof HubError &&
    (err.code === 'KNTC_NOT_FOUND' || err.code === 'KNTC_SOURCE_UNKNOWN');
  if (html && missing) return sendPage(reply, notFoundPage(pageContext(req, reply)), 404);
  errorHandler(err, req, reply);
  return reply;
}

async function dashboardScope(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const listSources = deps.listSources ?? (() => listSourceStatus(deps.pool));
  await app.register(formbody);
  app.setErrorHandler(dashboardErrors);
  app.addHook('onRequest', async (req, reply) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.['lang'];
    if (lang === 'vi' || lang === 'en') {
      reply.setCookie('lang', lang, {
        path: '/',
        sameSite: 'lax',
        httpOnly: true,
        maxAge: 31536000,
      });
    }
    // Pages and JSON carry personal data: never kept by a shared or browser cache.
    if (!req.url.startsWith('/assets/')) void reply.header('cache-control', 'private, no-store');
  });
  sessionRoutes(app, deps);
  viewRoutes(app, deps, listSources);
  petitionRoutes(app, deps, listSources);
  reviewPageRoutes(app, deps);
  await deadlineRoutes(app, deps);
  adminRoutes(app, deps, listSources);
  consoleRoutes(app, deps);
}

async function register(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  await app.register(authPlugin, {
    pool: deps.pool,
    ...(deps.cookieSecure === undefined ? {} : { cookieSecure: deps.cookieSecure }),
    ...(deps.sessionTtlMs === undefined ? {} : { sessionTtlMs: deps.sessionTtlMs }),
  });
  await app.register(dashboardScope, deps);
  if (deps.queues !== undefined && deps.queues.length > 0) await mountBullBoard(app, deps.queues);
}

/** The dashboard plugin (not encapsulated). */
export const registerDashboard = Object.assign(register, {
  [Symbol.for('skip-override')]: true,
});
