/**
 * The hub's client of the national database (contract: docs/national-api.md). It obtains and
 * caches a bearer token, submits cases and their later stages idempotently by submission key —
 * one at a time or many in one batch request — refreshes the token once on a 401
 * TOKEN_EXPIRED / TOKEN_INVALID, and reports every failure as a HubError whose `retryable` flag
 * tells the push queue whether to try again. It never logs case bodies.
 */
import type { AxiosRequestConfig } from 'axios';
import { HubError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import {
  NATIONAL_PATHS,
  casePath,
  stagePath,
  type CaseSubmissionBody,
  type StageSubmissionBody,
  type SubmissionReply,
} from './contract.ts';
import { batchItemOf, readBatchReply, type NationalItemResult } from './batch.ts';
import { toNationalError, type RequestContext } from './errors.ts';
import type { LaterStage, NationalCase, StageData } from './national-case-schema.ts';
import {
  createTransport,
  type Answer,
  type NationalClientConfig,
  type Transport,
} from './transport.ts';

export type { NationalClientConfig } from './transport.ts';

/** One stage-1 submission: a new case, or an update of a case the national side already holds. */
export interface NationalCaseSubmission {
  /** Idempotency key: sending the same key again yields the same national case id. */
  readonly submissionKey: string;
  readonly operation: 'create' | 'update';
  /** Required for `update`. */
  readonly nationalCaseId?: string;
  readonly body: NationalCase;
}

/** One later-stage submission (2–5) of a case the national side holds. */
export interface NationalStageSubmission {
  readonly submissionKey: string;
  readonly operation: 'stage';
  readonly nationalCaseId: string;
  readonly stage: LaterStage;
  readonly data: StageData[LaterStage];
}

/** Any submission the client sends. */
export type NationalSubmission = NationalCaseSubmission | NationalStageSubmission;

/** What the national database acknowledged. */
export interface NationalReceipt {
  readonly nationalCaseId: string;
  /** True when the national side had already received this submission key. */
  readonly duplicate: boolean;
  readonly receivedAt: string;
  readonly httpStatus: number;
}

/** The hub's handle on the national database. */
export interface NationalClient {
  /** Fetches a token: throws KNTC_NATIONAL_UNREACHABLE or KNTC_NATIONAL_AUTH when it cannot. */
  check(): Promise<void>;
  /** Sends one submission; throws a HubError (see docs/national-api.md, "Client behaviour"). */
  submit(s: NationalSubmission): Promise<NationalReceipt>;
  /**
   * Sends up to BATCH_MAX_ITEMS submissions in one request and gives one result per submission,
   * in order; throws a HubError when the request as a whole failed (then no item was stored).
   */
  submitBatch(s: readonly NationalSubmission[]): Promise<NationalItemResult[]>;
  /** Closes the keep-alive sockets (call on shutdown). */
  close(): void;
}

function isSubmissionReply(data: unknown): data is SubmissionReply {
  const d = data as Partial<SubmissionReply> | null;
  return typeof d?.nationalCaseId === 'string' && typeof d.duplicate === 'boolean';
}

function requestFor(s: NationalSubmission): AxiosRequestConfig & RequestContext {
  switch (s.operation) {
    case 'create': {
      const data: CaseSubmissionBody = { submissionKey: s.submissionKey, case: s.body };
      return { method: 'POST', path: NATIONAL_PATHS.cases, url: NATIONAL_PATHS.cases, data };
    }
    case 'update': {
      if (s.nationalCaseId === undefined) {
        const msg = `Update of submission ${s.submissionKey} has no nationalCaseId`;
        throw new HubError('KNTC_INTERNAL', msg, { details: { submissionKey: s.submissionKey } });
      }
      const data: CaseSubmissionBody = { submissionKey: s.submissionKey, case: s.body };
      const path = casePath(s.nationalCaseId);
      return { method: 'PUT', path, url: path, data };
    }
    case 'stage': {
      const data: StageSubmissionBody = { submissionKey: s.submissionKey, data: s.data };
      const path = stagePath(s.nationalCaseId, s.stage);
      return { method: 'POST', path, url: path, data };
    }
  }
}

/** Sends one submission on its own route. */
async function submitOne(
  transport: Transport,
  log: Logger,
  s: NationalSubmission,
): Promise<NationalReceipt> {
  const req = requestFor(s);
  const ctx: RequestContext = {
    method: req.method,
    path: req.path,
    submissionKey: s.submissionKey,
  };
  const started = Date.now();
  let res: Answer;
  try {
    res = await transport.send(req, 1);
  } catch (err) {
    const hubErr = toNationalError(err, ctx);
    log.warn({ ...hubErr.details, code: hubErr.code }, 'national submission failed');
    throw hubErr;
  }
  if (!isSubmissionReply(res.data)) {
    const msg = `National database answered ${req.method} ${req.path} (submission ${s.submissionKey}) with HTTP ${res.status} but no nationalCaseId`;
    throw new HubError('KNTC_NATIONAL_HTTP', msg, { retryable: true, details: { ...ctx } });
  }
  const { nationalCaseId, duplicate, receivedAt } = res.data;
  const ms = Date.now() - started;
  log.debug({ ...ctx, httpStatus: res.status, duplicate, ms }, 'national submission acknowledged');
  return { nationalCaseId, duplicate, receivedAt, httpStatus: res.status };
}

/** Sends submissions in one batch request; one result per submission. */
async function submitMany(
  transport: Transport,
  log: Logger,
  subs: readonly NationalSubmission[],
): Promise<NationalItemResult[]> {
  if (subs.length === 0) return [];
  const path = NATIONAL_PATHS.batch;
  const ctx: RequestContext = { method: 'POST', path };
  const data = { items: subs.map(batchItemOf) };
  const started = Date.now();
  let res: Answer;
  try {
    res = await transport.send({ method: 'POST', url: path, data }, subs.length);
  } catch (err) {
    const hubErr = toNationalError(err, ctx);
    log.warn({ ...hubErr.details, code: hubErr.code, items: subs.length }, 'national batch failed');
    throw hubErr;
  }
  const retryAfter = res.headers['retry-after'];
  const after = typeof retryAfter === 'string' ? retryAfter : undefined;
  const results = readBatchReply(subs, res.status, res.data, after);
  const ms = Date.now() - started;
  log.debug({ ...ctx, items: subs.length, httpStatus: res.status, ms }, 'national batch answered');
  return results;
}

/** Builds the national client over one keep-alive transport. */
export function createNationalClient(config: NationalClientConfig, log: Logger): NationalClient {
  const transport = createTransport(config);
  const clientLog = log.child({ component: 'national-client' });
  return {
    check: () => transport.refreshToken(),
    submit: (s) => submitOne(transport, clientLog, s),
    submitBatch: (subs) => submitMany(transport, clientLog, subs),
    close: () => transport.close(),
  };
}
