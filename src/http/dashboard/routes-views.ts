/** Overview and sync runs: pages and their JSON twins, for every signed-in role. */
import type { FastifyInstance } from 'fastify';
import { ANY_ROLE } from '../../auth/roles.ts';
import { HubError } from '../../lib/errors.ts';
import {
  getRun,
  listRuns,
  runErrorGroups,
  runRejections,
  type RunFilter,
} from '../../store/dashboard-repo.ts';
import type { RunStatus } from '../../store/runs-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import { buildOverview } from './overview-model.ts';
import { overviewPage } from './pages/overview.ts';
import { runPage, runsPage, shownValue } from './pages/runs.ts';
import { sendPage } from './routes-session.ts';
import type { DashboardDeps } from './deps.ts';
import type { SourceStatus } from '../../store/sources-repo.ts';

interface RunQuery {
  source?: string;
  status?: string;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function toFilter(q: RunQuery): RunFilter {
  const status: RunStatus | undefined =
    q.status === 'running' || q.status === 'succeeded' || q.status === 'failed'
      ? q.status
      : undefined;
  return {
    ...(q.source ? { sourceId: q.source } : {}),
    ...(status === undefined ? {} : { status }),
    ...(q.from !== undefined && DAY.test(q.from) ? { fromDay: q.from } : {}),
    ...(q.to !== undefined && DAY.test(q.to) ? { toDay: q.to } : {}),
  };
}

/** Registers overview and runs routes. */
export function viewRoutes(
  app: FastifyInstance,
  deps: DashboardDeps,
  listSources: () => Promise<readonly SourceStatus[]>,
): void {
  const overviewDeps = {
    pool: deps.pool,
    ...(deps.schedules === undefined ? {} : { schedules: deps.schedules }),
    ...(deps.national === undefined ? {} : { national: deps.national }),
  };
  const roles = { config: { roles: ANY_ROLE } };
  app.get('/', roles, async (req, reply) =>
    sendPage(reply, overviewPage(pageContext(req, reply), await buildOverview(overviewDeps))),
  );
  app.get('/api/v1/dashboard/overview', roles, () => buildOverview(overviewDeps));
  app.get<{ Querystring: RunQuery }>('/runs', roles, async (req, reply) => {
    const filter = toFilter(req.query);
    const [sources, runs] = await Promise.all([listSources(), listRuns(deps.pool, filter)]);
    const ids = sources.map((s) => s.id);
    return sendPage(reply, runsPage(pageContext(req, reply), ids, filter, runs));
  });
  app.get<{ Querystring: RunQuery }>('/api/v1/runs', roles, async (req) => ({
    runs: await listRuns(deps.pool, toFilter(req.query)),
  }));
  app.get<{ Params: { id: string } }>('/runs/:id', roles, async (req, reply) => {
    const run = await getRun(deps.pool, req.params.id);
    if (run === null) throw new HubError('KNTC_NOT_FOUND', `No sync run #${req.params.id}.`);
    const [groups, rejections] = await Promise.all([
      runErrorGroups(deps.pool, run.id),
      runRejections(deps.pool, run.id),
    ]);
    return sendPage(reply, runPage(pageContext(req, reply), run, groups, rejections));
  });
  app.get<{ Params: { id: string } }>('/api/v1/runs/:id', roles, async (req) => {
    const run = await getRun(deps.pool, req.params.id);
    if (run === null) throw new HubError('KNTC_NOT_FOUND', `No sync run #${req.params.id}.`);
    const role = req.user?.role ?? 'viewer';
    const rejections = (await runRejections(deps.pool, run.id)).map((r) => ({
      ...r,
      value: shownValue(role, r),
    }));
    return { run, errorGroups: await runErrorGroups(deps.pool, run.id), rejections };
  });
}
