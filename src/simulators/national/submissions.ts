/**
 * What the national simulator does with one submission, whether it came alone (POST/PUT on the
 * case routes) or as an item of a batch: a key seen before gets the first reply again with
 * `duplicate: true`, before any other check; otherwise the body is validated, the case looked up
 * and the submission stored. Every submission that gets here counts as received, then as exactly
 * one of accepted, duplicate or rejected.
 */
import type {
  NationalErrorBody,
  NationalFieldError,
  SubmissionReply,
} from '../../national/contract.ts';
import type { LaterStage, NationalCase } from '../../national/national-case-schema.ts';
import type { NationalState } from './state.ts';
import {
  toFieldErrors,
  validateCaseEnvelope,
  validateStageData,
  validateStageEnvelope,
} from './validation.ts';

/** What the submission logic needs. */
export interface SubmissionDeps {
  readonly state: NationalState;
  readonly now: () => number;
}

/** One submission, as its route (or its batch item) says. */
export type SubmissionRequest =
  | { readonly operation: 'create'; readonly body: unknown }
  | { readonly operation: 'update'; readonly nationalCaseId: string; readonly body: unknown }
  | {
      readonly operation: 'stage';
      readonly nationalCaseId: string;
      readonly stage: LaterStage;
      readonly body: unknown;
    };

/** The answer to one submission: HTTP status and body. */
export interface SubmissionAnswer {
  readonly status: number;
  readonly body: SubmissionReply | NationalErrorBody;
}

/** The submission key of a body, if it has one. */
export function submissionKeyOf(body: unknown): string | undefined {
  const key = (body as { submissionKey?: unknown } | null)?.submissionKey;
  return typeof key === 'string' ? key : undefined;
}

/** The first reply to a key already received (counted as a duplicate), or null. */
export function replayOf(deps: SubmissionDeps, body: unknown): SubmissionAnswer | null {
  const key = submissionKeyOf(body);
  const seen = key === undefined ? undefined : deps.state.getSubmission(key);
  if (seen === undefined) return null;
  deps.state.count('duplicate');
  return { status: 200, body: { ...seen, duplicate: true } };
}

/** Counts a refusal and builds its answer. */
export function refuse(
  deps: SubmissionDeps,
  status: number,
  body: NationalErrorBody,
): SubmissionAnswer {
  deps.state.count('rejected');
  return { status, body };
}

function invalid(deps: SubmissionDeps, what: string, fieldErrors: NationalFieldError[]) {
  const message = `${what} has ${fieldErrors.length} invalid field(s); see fieldErrors`;
  return refuse(deps, 422, { error: 'VALIDATION_FAILED', message, fieldErrors });
}

function caseNotFound(deps: SubmissionDeps, id: string): SubmissionAnswer {
  const message = `No national case ${id}; create it with POST /api/v1/cases first`;
  return refuse(deps, 404, { error: 'CASE_NOT_FOUND', message });
}

function accept(deps: SubmissionDeps, id: string, key: string, stage: number): SubmissionReply {
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

function submitCase(
  deps: SubmissionDeps,
  req: Extract<SubmissionRequest, { operation: 'create' | 'update' }>,
): SubmissionAnswer {
  if (!validateCaseEnvelope(req.body)) {
    return invalid(deps, 'Submission', toFieldErrors(validateCaseEnvelope.errors));
  }
  const body = req.body as { submissionKey: string; case: NationalCase };
  const at = new Date(deps.now());
  if (req.operation === 'create') {
    const created = deps.state.createCase(body.case, at);
    return { status: 201, body: accept(deps, created.nationalCaseId, body.submissionKey, 1) };
  }
  const stored = deps.state.getCase(req.nationalCaseId);
  if (stored === undefined) return caseNotFound(deps, req.nationalCaseId);
  stored.body = body.case;
  stored.updatedAt = at.toISOString();
  return { status: 200, body: accept(deps, req.nationalCaseId, body.submissionKey, 1) };
}

function submitStage(
  deps: SubmissionDeps,
  req: Extract<SubmissionRequest, { operation: 'stage' }>,
): SubmissionAnswer {
  if (!validateStageEnvelope(req.body)) {
    return invalid(deps, 'Submission', toFieldErrors(validateStageEnvelope.errors));
  }
  const stored = deps.state.getCase(req.nationalCaseId);
  if (stored === undefined) return caseNotFound(deps, req.nationalCaseId);
  const body = req.body as { submissionKey: string; data: unknown };
  const fieldErrors = validateStageData(req.stage, body.data);
  if (fieldErrors !== null) return invalid(deps, `Stage ${req.stage} data`, fieldErrors);
  stored.stages[req.stage] = body.data;
  stored.updatedAt = new Date(deps.now()).toISOString();
  return { status: 200, body: accept(deps, req.nationalCaseId, body.submissionKey, req.stage) };
}

/** Handles one submission: replay, validation, case look-up, storage, counters. */
export function submitOne(deps: SubmissionDeps, req: SubmissionRequest): SubmissionAnswer {
  const replay = replayOf(deps, req.body);
  if (replay !== null) return replay;
  return req.operation === 'stage' ? submitStage(deps, req) : submitCase(deps, req);
}
