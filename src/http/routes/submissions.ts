/**
 * The submissions API: what is waiting for the national database and why. Per source and
 * reporting period: sent, acknowledged, pending, dead-lettered and at risk of missing the
 * period's window; the submission window as the hub sees it; the dead letters with the national
 * error text; and re-sending a dead letter once the data was fixed at the source.
 */
import type { FastifyPluginAsync } from 'fastify';
import type pg from 'pg';
import { periodOf, type PeriodConfig } from '../../national/periods.ts';
import type { WindowState } from '../../national/windows.ts';
import type { OutboxStatus } from '../../store/outbox-repo.ts';
import { countByDay, listSubmissions, resendDead } from '../../store/push-admin-repo.ts';
import { errorBodySchema } from '../error-handler.ts';

/** What the submissions routes read and do. */
export interface SubmissionsDeps {
  readonly pool: pg.Pool;
  readonly periods: PeriodConfig;
  readonly atRiskHours: number;
  readonly window: () => Promise<WindowState>;
  /** Enqueues outbox ids for pushing. */
  readonly enqueue: (ids: readonly string[]) => Promise<void>;
  readonly now?: () => Date;
}

/** Counts of one source in one reporting period. */
export interface PeriodSummary {
  sourceId: string;
  period: string;
  windowClosesAt: string;
  sent: number;
  acknowledged: number;
  pending: number;
  deadLettered: number;
  /** Pending submissions whose period's window closes within the at-risk horizon (or closed). */
  atRisk: number;
}

/** Folds day counts into periods and flags what is at risk. */
export async function summarise(deps: SubmissionsDeps): Promise<PeriodSummary[]> {
  const now = (deps.now ?? (() => new Date()))().getTime();
  const horizon = deps.atRiskHours * 3600_000;
  const by = new Map<string, PeriodSummary>();
  for (const d of await countByDay(deps.pool)) {
    const p = periodOf(d.receivedOn, deps.periods);
    const key = `${d.sourceId} ${p.key}`;
    const s = by.get(key) ?? {
      sourceId: d.sourceId,
      period: p.key,
      windowClosesAt: p.closesAt.toISOString(),
      sent: 0,
      acknowledged: 0,
      pending: 0,
      deadLettered: 0,
      atRisk: 0,
    };
    s.sent += d.attempted;
    if (d.status === 'acknowledged') s.acknowledged += d.count;
    if (d.status === 'dead') s.deadLettered += d.count;
    if (d.status === 'pending') {
      s.pending += d.count;
      if (p.closesAt.getTime() - now <= horizon) s.atRisk += d.count;
    }
    by.set(key, s);
  }
  return [...by.values()].sort(
    (a, b) => a.sourceId.localeCompare(b.sourceId) || a.period.localeCompare(b.period),
  );
}

const count = { type: 'integer', minimum: 0 } as const;
const nullableString = { type: ['string', 'null'] } as const;
const STATUSES: readonly OutboxStatus[] = [
  'pending',
  'acknowledged',
  'dead',
  'skipped',
  'superseded',
];

const summarySchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      sourceId: { type: 'string' },
      period: { type: 'string', description: 'e.g. 2026-Q1, 2026-6M, 2026-9M, 2026-Y' },
      windowClosesAt: { type: 'string' },
      sent: count,
      acknowledged: count,
      pending: count,
      deadLettered: count,
      atRisk: count,
    },
  },
} as const;

const submissionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    hubId: { type: 'string' },
    sourceId: { type: 'string' },
    sourceRecordId: { type: 'string' },
    receivedOn: { type: 'string' },
    status: { enum: STATUSES },
    stage: { type: ['integer', 'null'] },
    submissionKey: nullableString,
    attempts: count,
    lastErrorCode: nullableString,
    lastError: nullableString,
    nationalError: {},
    updatedAt: { type: 'string' },
  },
} as const;

const windowSchema = {
  type: 'object',
  properties: {
    open: { type: 'boolean' },
    reason: { enum: ['always', 'schedule', 'learned'] },
    opensAt: nullableString,
    closesAt: nullableString,
  },
} as const;

/** GET /submissions/summary, /submissions/window, /submissions; POST /submissions/:id/resend. */
export const submissionsRoutes: FastifyPluginAsync<SubmissionsDeps> = (app, deps) => {
  const tags = ['submissions'];
  app.get(
    '/submissions/summary',
    {
      schema: {
        tags,
        summary: 'Per source and reporting period: sent, acknowledged, pending, dead, at risk',
        response: { 200: summarySchema },
      },
    },
    () => summarise(deps),
  );
  app.get(
    '/submissions/window',
    {
      schema: {
        tags,
        summary: 'Whether the national submission window is open, as the hub sees it',
        response: { 200: windowSchema },
      },
    },
    async () => {
      const w = await deps.window();
      return {
        open: w.open,
        reason: w.reason,
        opensAt: w.opensAt?.toISOString() ?? null,
        closesAt: w.closesAt?.toISOString() ?? null,
      };
    },
  );
  app.get<{
    Querystring: { status?: OutboxStatus; source?: string; after?: string; limit: number };
  }>(
    '/submissions',
    {
      schema: {
        tags,
        summary:
          'Submissions by status (status=dead lists the dead letters with the national error)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { enum: STATUSES },
            source: { type: 'string' },
            after: { type: 'string', pattern: '^[0-9]{1,18}$' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: { 200: { type: 'array', items: submissionSchema } },
      },
    },
    (req) =>
      listSubmissions(deps.pool, {
        limit: req.query.limit,
        ...(req.query.status !== undefined && { status: req.query.status }),
        ...(req.query.source !== undefined && { sourceId: req.query.source }),
        ...(req.query.after !== undefined && { afterId: req.query.after }),
      }),
  );
  app.post<{ Params: { id: string } }>(
    '/submissions/:id/resend',
    {
      schema: {
        tags,
        summary: 'Re-send a dead-lettered submission (after the data was fixed at the source)',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[0-9]{1,18}$' } },
        },
        response: {
          202: {
            type: 'object',
            properties: {
              outboxId: { type: 'string' },
              result: { enum: ['resent', 'already-pending'] },
            },
          },
          404: errorBodySchema,
          409: errorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const r = await resendDead(deps.pool, req.params.id);
      await deps.enqueue([r.outboxId]);
      return reply.status(202).send({ outboxId: r.outboxId, result: r.kind });
    },
  );
  return Promise.resolve();
};
