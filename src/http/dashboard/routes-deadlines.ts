/**
 * The deadlines page and its JSON twin, for every signed-in role: rows carry petition ids, units,
 * kinds, steps and dates, never a petitioner's identity (listDeadlineRisks reads only receipt,
 * handling and settlement), and each petition link leads to a page that masks as the role
 * requires. The rules and holiday calendar come from deps.deadlines, else config/deadlines is
 * loaded once here at registration.
 */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ANY_ROLE } from '../../auth/roles.ts';
import {
  listDeadlineRisks,
  loadDeadlineConfig,
  type DeadlineConfig,
} from '../../store/deadlines-repo.ts';
import { pageContext } from '../plugins/auth.ts';
import type { DashboardDeps } from './deps.ts';
import { vnDay } from './overview-model.ts';
import { deadlinesPage, type DeadlineFilter, type DeadlinesView } from './pages/deadlines.ts';
import { sendPage } from './routes-session.ts';

const BUNDLED = fileURLToPath(new URL('../../../config/deadlines/', import.meta.url));
/** Risks read per request; the page shows them all (rows are small). */
const LIMIT = 500;

interface DeadlineQuery {
  unit?: string;
  status?: string;
  horizon?: string;
}

function toFilter(q: DeadlineQuery): DeadlineFilter {
  const unit = (q.unit ?? '').trim().slice(0, 40);
  const horizon = Number.parseInt(q.horizon ?? '', 10);
  return {
    unit: unit === '' ? null : unit,
    status: q.status === 'overdue' || q.status === 'due-soon' ? q.status : null,
    horizonDays: Number.isFinite(horizon) ? Math.min(Math.max(horizon, 0), 60) : 3,
  };
}

async function risks(deps: DashboardDeps, config: DeadlineConfig, f: DeadlineFilter) {
  const today = vnDay(new Date());
  const page = await listDeadlineRisks(deps.pool, config, {
    today,
    horizonDays: f.horizonDays,
    limit: LIMIT,
    ...(f.unit === null ? {} : { unit: f.unit }),
  });
  const items = f.status === null ? page.items : page.items.filter((r) => r.status === f.status);
  return { today, filter: f, items, truncated: page.truncated } satisfies DeadlinesView;
}

/** Registers the deadlines routes (loads config/deadlines when deps.deadlines is absent). */
export async function deadlineRoutes(app: FastifyInstance, deps: DashboardDeps): Promise<void> {
  const config = deps.deadlines ?? (await loadDeadlineConfig(BUNDLED));
  const roles = { config: { roles: ANY_ROLE } };
  app.get<{ Querystring: DeadlineQuery }>('/deadlines', roles, async (req, reply) =>
    sendPage(
      reply,
      deadlinesPage(pageContext(req, reply), await risks(deps, config, toFilter(req.query))),
    ),
  );
  app.get<{ Querystring: DeadlineQuery }>('/api/v1/deadlines', roles, (req) =>
    risks(deps, config, toFilter(req.query)),
  );
}
