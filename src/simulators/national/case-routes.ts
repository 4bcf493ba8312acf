/**
 * The submission routes of the national simulator: create a case (stage 1), update stage-1
 * data, and send stages 2–5. Every submission is idempotent by its submissionKey: a key seen
 * before gets the first reply again with `duplicate: true` and HTTP 200, before any other check.
 * Every request that reaches the handler counts as received, then as exactly one of accepted,
 * duplicate or rejected.
 */
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import type {
  CaseSubmissionBody,
  NationalErrorBody,
  SubmissionReply,
} from '../../national/contract.ts';
import type { LaterStage } from '../../national/national-case-schema.ts';
import { caseParams, stageParams, submissionErrors, submissionReply } from './route-schemas.ts';
import type { NationalState } from './state.ts';
import {
  caseEnvelopeSchema,
  stageEnvelopeSchema,
  toFieldErrors,
  type SchemaError,
  validateCaseEnvelope,
  validateStageData,
  validateStageEnvelope,
} from './validation.ts';

/** What the case routes need. */
export interface CaseRouteDeps {
  readonly state: NationalState;
  readonly now: () => number;
}

const paramsAjv = new Ajv({ coerceTypes: true, allErrors: true });
const security = [{ bearerAuth: [] }];

/** Bodies go through the contract's strict validators; params are coerced (stage "2" → 2). */
function compilerFor(body: ValidateFunction): FastifySchemaCompiler<unknown> {
  return ({ schema, httpPart }) =>
    httpPart === 'body' ? body : paramsAjv.compile(schema as object);
}

function keyOf(body: unknown): string | undefined {
  const key = (body as { submissionKey?: unknown } | null)?.submissionKey;
  return typeof key === 'string' ? key : undefined;
}

function error(reply: FastifyReply, status: number, body: NationalErrorBody): NationalErrorBody {
  reply.code(status);
  return body;
}

/** Answers a replayed key or a request that failed schema validation; null when neither. */
function screen(
  deps: CaseRouteDeps,
  req: FastifyRequest,
  reply: FastifyReply,
): SubmissionReply | NationalErrorBody | null {
  const key = keyOf(req.body);
  const seen = key === undefined ? undefined : deps.state.getSubmission(key);
  if (seen !== undefined) {
    deps.state.count('duplicate');
    return { ...seen, duplicate: true };
  }
  const invalid = req.validationError;
  if (invalid === undefined) return null;
  deps.state.count('rejected');
  if (invalid.validationContext !== 'body') {
    return error(reply, 400, { error: 'BAD_REQUEST', message: invalid.message });
  }
  const fieldErrors = toFieldErrors(invalid.validation as readonly SchemaError[]);
  const message = `Submission has ${fieldErrors.length} invalid field(s); see fieldErrors`;
  return error(reply, 422, { error: 'VALIDATION_FAILED', message, fieldErrors });
}

function caseNotFound(deps: CaseRouteDeps, reply: FastifyReply, id: string): NationalErrorBody {
  deps.state.count('rejected');
  const message = `No national case ${id}; create it with POST /api/v1/cases first`;
  return error(reply, 404, { error: 'CASE_NOT_FOUND', message });
}

function accept(deps: CaseRouteDeps, id: string, key: string, stage: number): SubmissionReply {
  const answer: SubmissionReply = {
    nationalCaseId: id,
    submissionKey: key,
    duplicate: false,
    receivedAt: new Date(deps.now()).toISOString(),
    stage,
  };
  deps.state.rememberSubmission(answer);
  deps.state.count('accepted');
  return answer;
}

function registerCreate(app: FastifyInstance, deps: CaseRouteDeps): void {
  const schema = {
    summary: 'Stage 1: tiếp nhận vụ việc (create a case)',
    tags: ['cases'],
    security,
    body: caseEnvelopeSchema,
    response: { 201: submissionReply, 200: submissionReply, ...submissionErrors },
  };
  const opts = {
    schema,
    attachValidation: true,
    validatorCompiler: compilerFor(validateCaseEnvelope),
  };
  app.post('/api/v1/cases', opts, (req, reply) => {
    const early = screen(deps, req, reply);
    if (early !== null) return early;
    const body = req.body as CaseSubmissionBody;
    const created = deps.state.createCase(body.case, new Date(deps.now()));
    reply.code(201);
    return accept(deps, created.nationalCaseId, body.submissionKey, 1);
  });
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
  const opts = {
    schema,
    attachValidation: true,
    validatorCompiler: compilerFor(validateCaseEnvelope),
  };
  app.put('/api/v1/cases/:nationalCaseId', opts, (req, reply) => {
    const early = screen(deps, req, reply);
    if (early !== null) return early;
    const { nationalCaseId } = req.params as { nationalCaseId: string };
    const stored = deps.state.getCase(nationalCaseId);
    if (stored === undefined) return caseNotFound(deps, reply, nationalCaseId);
    const body = req.body as CaseSubmissionBody;
    stored.body = body.case;
    stored.updatedAt = new Date(deps.now()).toISOString();
    return accept(deps, nationalCaseId, body.submissionKey, 1);
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
  const opts = {
    schema,
    attachValidation: true,
    validatorCompiler: compilerFor(validateStageEnvelope),
  };
  app.post('/api/v1/cases/:nationalCaseId/stages/:stage', opts, (req, reply) => {
    const early = screen(deps, req, reply);
    if (early !== null) return early;
    const { nationalCaseId, stage } = req.params as { nationalCaseId: string; stage: LaterStage };
    const stored = deps.state.getCase(nationalCaseId);
    if (stored === undefined) return caseNotFound(deps, reply, nationalCaseId);
    const body = req.body as { submissionKey: string; data: unknown };
    const fieldErrors = validateStageData(stage, body.data);
    if (fieldErrors !== null) {
      deps.state.count('rejected');
      const message = `Stage ${stage} data has ${fieldErrors.length} invalid field(s); see fieldErrors`;
      return error(reply, 422, { error: 'VALIDATION_FAILED', message, fieldErrors });
    }
    stored.stages[stage] = body.data;
    stored.updatedAt = new Date(deps.now()).toISOString();
    return accept(deps, nationalCaseId, body.submissionKey, stage);
  });
}

/** Registers the submission routes (the caller adds the bearer check). */
export function registerCaseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  registerCreate(app, deps);
  registerUpdate(app, deps);
  registerStage(app, deps);
}
