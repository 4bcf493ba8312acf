/**
 * Admin routes: the sources console (run now, pause, resume; each audited) and the health panel.
 * Future console actions (create/edit from the adapter's JSON Schema, test connection, preview
 * mapping, edit cursor) add one route each here with `config: { roles: ADMIN_ONLY }`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ADMIN_ONLY } from '../../auth/roles.ts';
import { HubError } from '../../lib/errors.ts';
import { appendAudit, type AuditAction } from '../../store/audit-repo.ts';
import { setSourcePaused, type SourceStatus } from '../../store/sources-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import type { MessageKey } from './messages.ts';
import { healthPage, type CheckResult } from './pages/health.ts';
import { sourcesPage } from './pages/sources.ts';
import { sendPage } from './routes-session.ts';
import type { DashboardDeps } from './deps.ts';

const FLASHES: readonly MessageKey[] = ['queued', 'alreadyQueued'];

async function probe(fn: (() => Promise<unknown>) | undefined): Promise<CheckResult> {
  if (fn === undefined) return { ok: false, detail: 'not configured' };
  try {
    const out = await fn();
    if (Array.isArray(out) && out.length > 0) return { ok: false, detail: out.join(', ') };
    return { ok: true, detail: '' };
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
}

function audit(deps: DashboardDeps, req: FastifyRequest, action: AuditAction, sourceId: string) {
  return appendAudit(deps.pool, {
    actor: req.user?.username ?? null,
    actorRole: req.user?.role ?? null,
    action,
    targetType: 'source',
    targetId: sourceId,
    ip: req.ip,
  });
}

/** Registers admin routes. */
export function adminRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  listSources: () => Promise<readonly SourceStatus[]>,
): void {
  const admin = { config: { roles: ADMIN_ONLY } };
  app.get<{ Querystring: { done?: string } }>('/sources', admin, async (req, reply) => {
    const flash = FLASHES.find((f) => f === req.query.done) ?? null;
    return sendPage(reply, sourcesPage(pageContext(req, reply), await listSources(), flash));
  });
  const known = async (id: string): Promise<void> => {
    if (!(await listSources()).some((s) => s.id === id)) {
      throw new HubError('KNTC_SOURCE_UNKNOWN', `No source with id "${id}".`);
    }
  };
  app.post<{ Params: { id: string } }>('/sources/:id/run', admin, async (req, reply) => {
    await known(req.params.id);
    const jobId = await deps.syncNow(req.params.id);
    await audit(deps, req, 'source.sync-requested', req.params.id);
    return reply.redirect(`/sources?done=${jobId === null ? 'alreadyQueued' : 'queued'}`, 303);
  });
  for (const [verb, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/sources/:id/${verb}`, admin, async (req, reply) => {
      if (!(await setSourcePaused(deps.pool, req.params.id, paused))) {
        throw new HubError('KNTC_SOURCE_UNKNOWN', `No source with id "${req.params.id}".`);
      }
      await audit(deps, req, paused ? 'source.paused' : 'source.resumed', req.params.id);
      return reply.redirect('/sources', 303);
    });
  }
  app.get('/ops/health', admin, async (req, reply) => {
    const c = deps.checks;
    const [database, redis, migrations] = await Promise.all([
      probe(c?.database),
      probe(c?.redis),
      probe(c?.pendingMigrations),
    ]);
    const queues = await Promise.all(
      (deps.queues ?? []).map(async (q) => ({ name: q.name, counts: await q.getJobCounts() })),
    );
    const checks = [
      { key: 'database' as const, result: database },
      { key: 'redis' as const, result: redis },
      { key: 'migrations' as const, result: migrations },
    ];
    return sendPage(reply, healthPage(pageContext(req, reply), { checks, queues }));
  });
}
