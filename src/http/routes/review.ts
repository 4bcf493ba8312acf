/**
 * The dedup review queue: uncertain person and case pairs with both records side by side and
 * the reasons for their score; a reviewer accepts (merge) or rejects (keep apart) a pair, merges
 * or splits two records directly, or undoes a decision. Every decision is recorded with its actor,
 * the signed-in account (GET /review/decisions is the trail, and each decision is also in the
 * audit log), and later runs never undo it. Sides are masked as on the dashboard's review pages:
 * a pair touching a protected denouncer is never shown in clear here.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SessionUser } from '../../auth/users.ts';
import { decidePair, decideReview, undoDecision } from '../../dedup/decisions.ts';
import { HubError } from '../../lib/errors.ts';
import { appendAudit } from '../../store/audit-repo.ts';
import { listDecisions, listReviews, type Decision } from '../../store/dedup-review-repo.ts';
import { shownPairs } from '../dashboard/pages/review-sides.ts';
import { errorBodySchema } from '../error-handler.ts';

/** What the review routes need. */
export interface ReviewDeps {
  readonly pool: pg.Pool;
}

const kind = { enum: ['person', 'case'] } as const;
/** Accepted for older clients and ignored: the actor is always the signed-in account. */
const actor = {
  type: 'string',
  maxLength: 200,
  deprecated: true,
  description: 'Ignored: the decision is recorded under the signed-in account.',
} as const;
const note = { type: 'string', maxLength: 2000 } as const;
const free = { type: 'object', additionalProperties: true } as const;
const side = {
  type: 'object',
  properties: {
    ref: { type: 'string' },
    source: { type: ['string', 'null'] },
    sourceRecordId: { type: ['string', 'null'] },
    record: {},
  },
} as const;
const pairSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    leftRef: { type: 'string' },
    rightRef: { type: 'string' },
    score: { type: 'number' },
    reasons: free,
    status: { type: 'string' },
    createdAt: { type: 'string' },
    left: side,
    right: side,
    protectedIdentity: { type: 'boolean' },
    masked: { type: 'boolean' },
  },
} as const;
const decisionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    reviewId: { type: ['string', 'null'] },
    kind: { type: 'string' },
    action: { type: 'string' },
    leftRef: { type: 'string' },
    rightRef: { type: 'string' },
    actor: { type: 'string' },
    note: { type: ['string', 'null'] },
    newClusterId: { type: ['string', 'null'] },
    undoes: { type: ['string', 'null'] },
    undoneBy: { type: ['string', 'null'] },
    decidedAt: { type: 'string' },
  },
} as const;
const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;

/** The signed-in account deciding; KNTC_AUTH_REQUIRED when there is none. */
export function deciderOf(req: FastifyRequest): SessionUser {
  // req.user is declared by the auth plugin; a bare API (tests without the dashboard) has none.
  const user = (req as { user?: SessionUser | null }).user ?? null;
  if (user === null) {
    throw new HubError('KNTC_AUTH_REQUIRED', 'A review decision needs a signed-in account.');
  }
  return user;
}

/** Writes the audit entry of a decision (ids, action and kind only: no personal data). */
export async function auditDecision(
  pool: pg.Pool,
  req: FastifyRequest,
  user: SessionUser,
  d: Decision,
): Promise<void> {
  await appendAudit(pool, {
    actor: user.username,
    actorRole: user.role,
    action: 'review.decided',
    targetType: d.reviewId === null ? 'review-link' : 'review',
    targetId: d.reviewId ?? d.id,
    ip: req.ip,
    details: { decisionId: d.id, action: d.action, kind: d.kind, undoes: d.undoes },
  });
}

/** GET /review/pairs, POST /review/pairs/:id/decision, POST /review/links, POST /review/decisions/:id/undo, GET /review/decisions. */
export const reviewRoutes: FastifyPluginAsync<ReviewDeps> = (app, deps) => {
  app.get<{
    Querystring: {
      status?: 'open' | 'accepted' | 'rejected';
      kind?: 'person' | 'case';
      after?: string;
      limit?: number;
    };
  }>(
    '/review/pairs',
    {
      schema: {
        tags: ['review'],
        summary: 'Uncertain pairs with both records side by side',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { enum: ['open', 'accepted', 'rejected'], default: 'open' },
            kind,
            after: { type: 'string', pattern: '^[0-9]{1,19}$' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: { 200: { type: 'array', items: pairSchema }, ...errors },
      },
    },
    async (req) => {
      const q = req.query;
      const items = await listReviews(deps.pool, {
        status: q.status ?? 'open',
        limit: q.limit ?? 50,
        ...(q.kind === undefined ? {} : { kind: q.kind }),
        ...(q.after === undefined ? {} : { afterId: q.after }),
      });
      const role = (req as { user?: SessionUser | null }).user?.role ?? 'viewer';
      return (await shownPairs(deps.pool, items, role)).map((p) => ({ ...p, masked: !p.clear }));
    },
  );
  app.post<{
    Params: { id: string };
    Body: { verdict: 'accept' | 'reject'; actor?: string; note?: string };
  }>(
    '/review/pairs/:id/decision',
    {
      schema: {
        tags: ['review'],
        summary: 'Accept (merge) or reject (keep apart) a pair',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['verdict'],
          properties: { verdict: { enum: ['accept', 'reject'] }, actor, note },
        },
        response: { 200: decisionSchema, ...errors },
      },
    },
    async (req) => {
      const user = deciderOf(req);
      const b = req.body;
      const d = await decideReview(
        deps.pool,
        req.params.id,
        b.verdict,
        user.username,
        b.note ?? null,
      );
      await auditDecision(deps.pool, req, user, d);
      return d;
    },
  );
  app.post<{
    Body: {
      kind: 'person' | 'case';
      action: 'merge' | 'split';
      leftRef: string;
      rightRef: string;
      actor?: string;
      note?: string;
    };
  }>(
    '/review/links',
    {
      schema: {
        tags: ['review'],
        summary: 'Merge or split two records directly (correcting an automatic link)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['kind', 'action', 'leftRef', 'rightRef'],
          properties: {
            kind,
            action: { enum: ['merge', 'split'] },
            leftRef: { type: 'string', maxLength: 60 },
            rightRef: { type: 'string', maxLength: 60 },
            actor,
            note,
          },
        },
        response: { 200: decisionSchema, ...errors },
      },
    },
    async (req) => {
      const user = deciderOf(req);
      const b = req.body;
      const d = await decidePair(
        deps.pool,
        b.kind,
        b.action,
        b.leftRef,
        b.rightRef,
        user.username,
        b.note ?? null,
      );
      await auditDecision(deps.pool, req, user, d);
      return d;
    },
  );
  app.post<{ Params: { id: string }; Body: { actor?: string; note?: string } }>(
    '/review/decisions/:id/undo',
    {
      // Nothing is required in the body any more: an undo without one is valid.
      preValidation: (req, _reply, done) => {
        req.body ??= {};
        done();
      },
      schema: {
        tags: ['review'],
        summary: 'Undo a decision (recorded as a decision of its own)',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' } },
        },
        body: { type: 'object', additionalProperties: false, properties: { actor, note } },
        response: { 200: decisionSchema, ...errors },
      },
    },
    async (req) => {
      const user = deciderOf(req);
      const d = await undoDecision(deps.pool, req.params.id, user.username, req.body.note ?? null);
      await auditDecision(deps.pool, req, user, d);
      return d;
    },
  );
  app.get<{ Querystring: { limit?: number } }>(
    '/review/decisions',
    {
      schema: {
        tags: ['review'],
        summary: 'Audit trail of review decisions, newest first',
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: { 200: { type: 'array', items: decisionSchema } },
      },
    },
    (req) => listDecisions(deps.pool, req.query.limit ?? 100),
  );
  return Promise.resolve();
};
