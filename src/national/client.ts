/**
 * The hub's client of the national database (contract: docs/national-api.md). It obtains and
 * caches a bearer token, submits cases and their later stages idempotently by submission key, refreshes the token once
 * on a 401 TOKEN_EXPIRED / TOKEN_INVALID, and reports every failure as a HubError whose
 * `retryable` flag tells the push queue whether to try again. It never logs case bodies.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { HubError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import {
  NATIONAL_PATHS,
  REFRESHABLE_TOKEN_ERRORS,
  casePath,
  stagePath,
  type CaseSubmissionBody,
  type StageSubmissionBody,
  type NationalErrorBody,
  type SubmissionReply,
} from './contract.ts';
import { toNationalError, type RequestContext } from './errors.ts';
import type { LaterStage, NationalCase, StageData } from './national-case-schema.ts';
import { createTokenSource, type TokenSource } from './token.ts';

/** Where the national database is and how the hub authenticates. */
export interface NationalClientConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly secret: string;
  readonly timeoutMs: number;
}

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
  /** Closes the keep-alive sockets (call on shutdown). */
  close(): void;
}

function isSubmissionReply(data: unknown): data is SubmissionReply {
  const d = data as Partial<SubmissionReply> | null;
  return typeof d?.nationalCaseId === 'string' && typeof d.duplicate === 'boolean';
}

function isRefreshable401(err: unknown): boolean {
  if (!isAxiosError(err) || err.response?.status !== 401) return false;
  const body = err.response.data as Partial<NationalErrorBody> | null;
  return REFRESHABLE_TOKEN_ERRORS.some((code) => code === body?.error);
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

/** Sends one request with the bearer token; on a refreshable 401 refreshes once and resends. */
async function sendAuthorised(
  api: AxiosInstance,
  tokens: TokenSource,
  req: AxiosRequestConfig,
): Promise<{ status: number; data: unknown }> {
  const send = async () =>
    api.request({ ...req, headers: { authorization: `Bearer ${await tokens.get()}` } });
  try {
    return await send();
  } catch (err) {
    if (!isRefreshable401(err)) throw err;
    tokens.invalidate();
    return await send();
  }
}

/** Builds the national client over one keep-alive axios instance. */
export function createNationalClient(config: NationalClientConfig, log: Logger): NationalClient {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const api = axios.create({
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    httpAgent,
    httpsAgent,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
  const tokens = createTokenSource(api, config);
  const clientLog = log.child({ component: 'national-client' });

  async function submit(s: NationalSubmission): Promise<NationalReceipt> {
    const req = requestFor(s);
    const ctx: RequestContext = {
      method: req.method,
      path: req.path,
      submissionKey: s.submissionKey,
    };
    const started = Date.now();
    let res: { status: number; data: unknown };
    try {
      res = await sendAuthorised(api, tokens, req);
    } catch (err) {
      const hubErr = toNationalError(err, ctx);
      clientLog.warn({ ...hubErr.details, code: hubErr.code }, 'national submission failed');
      throw hubErr;
    }
    if (!isSubmissionReply(res.data)) {
      const msg = `National database answered ${req.method} ${req.path} (submission ${s.submissionKey}) with HTTP ${res.status} but no nationalCaseId`;
      throw new HubError('KNTC_NATIONAL_HTTP', msg, { retryable: true, details: { ...ctx } });
    }
    const { nationalCaseId, duplicate, receivedAt } = res.data;
    clientLog.debug(
      { ...ctx, httpStatus: res.status, duplicate, ms: Date.now() - started },
      'national submission acknowledged',
    );
    return { nationalCaseId, duplicate, receivedAt, httpStatus: res.status };
  }

  return {
    async check() {
      tokens.invalidate();
      await tokens.get();
    },
    submit,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
