/**
 * The single-submission routes of the national simulator: create a case (stage 1), update
 * stage-1 data, and send stages 2–5. What a submission does (idempotency by submissionKey,
 * validation, counters) is in submissions.ts, shared with the batch route. Bodies are checked
 * there, against the contract's strict validators; the route schemas only document them.
 */
import { Ajv } from 'ajv';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type { LaterStage } from '../../national/national-case-schema.ts';
import { caseParams, stageParams, submissionErrors, submissionReply } from './route-schemas.ts';
import {
  refuse,
  replayOf,
  submitOne,
  type SubmissionAnswer,
  type SubmissionDeps,
  type SubmissionRequest,
} from './submissions.ts';
import { caseEnvelopeSchema, stageEnvelopeSchema } from './validation.ts';

/** What the case routes need. */
export type CaseRouteDeps = SubmissionDeps;

const paramsAjv = new Ajv({ coerceTypes: true, allErrors: true });
const security = [{ bearerAuth: [] }];

/** Params are coerced (stage "2" → 2); bodies pass through to submissions.ts. */
const compiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  httpPart === 'body' ? () => true : paramsAjv.compile(schema as object);

function answer(reply: FastifyReply, a: SubmissionAnswer): SubmissionAnswer['body'] {
  reply.code(a.status);
  return a.body;
}

/** Answers a replayed key, then a bad path parameter, then the submission itself. */
function handle(
  deps: CaseRouteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  submission: () => SubmissionRequest,
): SubmissionAnswer['body'] {
  const replay = replayOf(deps, req.body);
  if (replay !== null) return answer(reply, replay);
  const invalid = req.validationError;
  if (invalid !== undefined) {
    return answer(reply, refuse(deps, 400, { error: 'BAD_REQUEST', message: invalid.message }));
  }
  return answer(reply, submitOne(deps, submission()));
}

function registerCreate(app: FastifyInstance, deps: CaseRouteDeps): void {
  const schema = {
    summary: 'Stage 1: tiếp nhận vụ việc (create a case)',
    tags: ['cases'],
    security,
    body: caseEnvelopeSchema,
    response: { 201: submissionReply, 200: submissionReply, ...submissionErrors },
  };
  const opts = { schema, attachValidation: true, validatorCompiler: compiler };
  app.post('/api/v1/cases', opts, (req, reply) =>
    handle(deps, req, reply, () => ({ operation: 'create', body: req.body })),
  );
}

function registerUpdate(app: FastifyInstance, deps: CaseRouteDeps): void {
  const schema = {
    summary: 'Stage 1 update: cập nhật thông tin vụ việc',
    tags: ['cases'],
    security,
    params: caseParams,
    body: caseEnvelopeSchema,
    response: { 200: submissionReply, 404: submissionErrors[401], ...submissionErrors },
  };
  const opts = { schema, attachValidation: true, validatorCompiler: compiler };
  app.put('/api/v1/cases/:nationalCaseId', opts, (req, reply) => {
    const { nationalCaseId } = req.params as { nationalCaseId: string };
    return handle(deps, req, reply, () => ({
      operation: 'update',
      nationalCaseId,
      body: req.body,
    }));
  });
}

function registerStage(app: FastifyInstance, deps: CaseRouteDeps): void {
  const schema = {
    summary: 'Stages 2–5: kết quả xử lý, thông tin giải quyết, kết quả giải quyết, thi hành',
    tags: ['cases'],
    security,
    params: stageParams,
    body: stageEnvelopeSchema,
    response: { 200: submissionReply, 404: submissionErrors[401], ...submissionErrors },
  };
  const opts = { schema, attachValidation: true, validatorCompiler: compiler };
  app.post('/api/v1/cases/:nationalCaseId/stages/:stage', opts, (req, reply) => {
    const { nationalCaseId, stage } = req.params as { nationalCaseId: string; stage: LaterStage };
    return handle(deps, req, reply, () => ({
      operation: 'stage',
      nationalCaseId,
      stage,
      body: req.body,
    }));
  });
}

/** Registers the single-submission routes (the caller adds the bearer check). */
export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  registerCreate(app, deps);
  registerUpdate(app, deps);
  registerStage(app, deps);
}
