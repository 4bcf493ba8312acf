/**
 * POST /api/v1/cases/batch: up to BATCH_MAX_ITEMS submissions (create, update or stage) in one
 * request, each answered on its own, in order — accepted, duplicate, refused (400, 404, 422) or
 * failed (429 beyond the quota, 503 injected) — exactly as it would have been answered alone.
 * The quota counts items: the ones that fit are processed, the rest answer 429 and the reply
 * carries Retry-After; when none fits, the whole request answers 429.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NATIONAL_PATHS, type BatchItemResult, type BatchReply } from '../../national/contract.ts';
import type { LaterStage } from '../../national/national-case-schema.ts';
import type { FaultLayer } from './fault-layer.ts';
import { batchReply, submissionErrors } from './route-schemas.ts';
import {
  refuse,
  submissionKeyOf,
  submitOne,
  type SubmissionAnswer,
  type SubmissionDeps,
  type SubmissionRequest,
} from './submissions.ts';
import { batchEnvelopeSchema, validateBatchShell } from './validation.ts';

/** What the batch route needs. */
export interface BatchRouteDeps extends SubmissionDeps {
  readonly faults: FaultLayer;
}

type Item = Record<string, unknown>;

function badItem(deps: SubmissionDeps, message: string): SubmissionAnswer {
  return refuse(deps, 400, { error: 'BAD_REQUEST', message });
}

/** The single submission an item stands for, or the 400 it gets. */
function requestOf(deps: SubmissionDeps, item: Item): SubmissionRequest | SubmissionAnswer {
  const { operation, nationalCaseId, stage, ...body } = item;
  const idOk =
    typeof nationalCaseId === 'string' && nationalCaseId.length >= 1 && nationalCaseId.length <= 64;
  switch (operation) {
    case 'create':
      return nationalCaseId === undefined && stage === undefined
        ? { operation, body }
        : badItem(deps, 'A create item has no nationalCaseId or stage');
    case 'update':
      if (!idOk || stage !== undefined) {
        return badItem(deps, 'An update item needs nationalCaseId (1–64 characters) and no stage');
      }
      return { operation, nationalCaseId, body };
    case 'stage':
      if (!idOk || ![2, 3, 4, 5].includes(stage as number)) {
        return badItem(deps, 'A stage item needs nationalCaseId and stage 2, 3, 4 or 5');
      }
      return { operation, nationalCaseId, stage: stage as LaterStage, body };
    default:
      return badItem(deps, 'operation must be create, update or stage');
  }
}

function resultOf(item: Item, a: SubmissionAnswer): BatchItemResult {
  const submissionKey = submissionKeyOf(item) ?? null;
  const b = a.body;
  return 'nationalCaseId' in b
    ? { submissionKey, status: a.status, reply: b }
    : { submissionKey, status: a.status, error: b };
}

function processItem(deps: BatchRouteDeps, item: Item): BatchItemResult {
  const fault = deps.faults.itemFault(item);
  if (fault !== null) return resultOf(item, fault);
  const req = requestOf(deps, item);
  return resultOf(item, 'status' in req ? req : submitOne(deps, req));
}

function handle(deps: BatchRouteDeps, req: FastifyRequest, reply: FastifyReply) {
  if (!validateBatchShell(req.body)) {
    const message = `A batch is { items: [...] } with 1 to 100 objects; ${validateBatchShell.errors?.[0]?.message ?? ''}`;
    const a = refuse(deps, 400, { error: 'BAD_REQUEST', message });
    return reply.code(a.status).send(a.body);
  }
  const items = (req.body as { items: Item[] }).items;
  const { admitted, waitMs } = deps.faults.admit(items.length);
  if (waitMs > 0) reply.header('retry-after', deps.faults.retryAfter(waitMs));
  if (admitted === 0) return reply.code(429).send(deps.faults.rateLimited());
  const limited = deps.faults.rateLimited();
  const results = items.map((item, i): BatchItemResult => {
    if (i < admitted) return processItem(deps, item);
    return { submissionKey: submissionKeyOf(item) ?? null, status: 429, error: limited };
  });
  return reply.code(200).send({ results } satisfies BatchReply);
}

/** Registers the batch route (the caller adds the bearer check). */
export function registerBatchRoute(app: FastifyInstance, deps: BatchRouteDeps): void {
  const schema = {
    summary: 'Several submissions in one request, each answered on its own',
    tags: ['cases'],
    security: [{ bearerAuth: [] }],
    body: batchEnvelopeSchema,
    response: { 200: batchReply, ...submissionErrors },
  };
  const opts = { schema, validatorCompiler: () => () => true };
  app.post(NATIONAL_PATHS.batch, opts, (req, reply) => handle(deps, req, reply));
}
