/**
 * The dedup review queue: uncertain person and case pairs with both records side by side and
 * the reasons for their score; a reviewer accepts (merge) or rejects (keep apart) a pair, merges
 * or splits two records directly, or undoes a decision. Every decision is recorded with its actor
 * (GET /review/decisions is the audit trail) and later runs never undo it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type pg from 'pg';
import { decidePair, decideReview, undoDecision } from '../../dedup/decisions.ts';
import { withSides } from '../../dedup/review-view.ts';
import { listDecisions, listReviews } from '../../store/dedup-review-repo.ts';
import { errorBodySchema } from '../error-handler.ts';

/** What the review routes need. */
export interface ReviewDeps {
  readonly pool: pg.Pool;
}

const kind = { enum: ['person', 'case'] } as const;
const actor = { type: 'string', minLength: 1, maxLength: 200 } as const;
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
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema } as const;

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
      return withSides(deps.pool, items);
    },
  );
  app.post<{
    Params: { id: string };
    Body: { verdict: 'accept' | 'reject'; actor: string; note?: string };
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
          required: ['verdict', 'actor'],
          properties: { verdict: { enum: ['accept', 'reject'] }, actor, note },
        },
        response: { 200: decisionSchema, ...errors },
      },
    },
    (req) =>
      decideReview(
        deps.pool,
        req.params.id,
        req.body.verdict,
        req.body.actor,
        req.body.note ?? null,
      ),
  );
  app.post<{
    Body: {
      kind: 'person' | 'case';
      action: 'merge' | 'split';
      leftRef: string;
      rightRef: string;
      actor: string;
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
          required: ['kind', 'action', 'leftRef', 'rightRef', 'actor'],
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
    (req) => {
      const b = req.body;
      return decidePair(
        deps.pool,
        b.kind,
        b.action,
        b.leftRef,
        b.rightRef,
        b.actor,
        b.note ?? null,
      );
    },
  );
  app.post<{ Params: { id: string }; Body: { actor: string; note?: string } }>(
    '/review/decisions/:id/undo',
    {
      schema: {
        tags: ['review'],
        summary: 'Undo a decision (recorded as a decision of its own)',
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' } },
        },
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['actor'],
          properties: { actor, note },
        },
        response: { 200: decisionSchema, ...errors },
      },
    },
    (req) => undoDecision(deps.pool, req.params.id, req.body.actor, req.body.note ?? null),
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
