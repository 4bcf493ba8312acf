/**
 * The wire side of the national contract (docs/national-api.md) that is not the case body:
 * routes, error codes, envelopes and replies. Shared by the hub's client and the simulator so
 * both speak the same words.
 */
import type { LaterStage, NationalCase } from './national-case-schema.ts';

/** Routes of the national API, relative to its base URL. */
export const NATIONAL_PATHS = {
  token: '/api/v1/auth/token',
  cases: '/api/v1/cases',
  batch: '/api/v1/cases/batch',
  catalogues: '/api/v1/catalogues',
  stats: '/stats',
  health: '/health',
} as const;

/** Path of one case (update of stage-1 data). */
export function casePath(nationalCaseId: string): string {
  return `${NATIONAL_PATHS.cases}/${encodeURIComponent(nationalCaseId)}`;
}

/** Path of a later stage (2–5) of one case. */
export function stagePath(nationalCaseId: string, stage: number): string {
  return `${casePath(nationalCaseId)}/stages/${stage}`;
}

/**
 * Error codes in the `error` member of every national error body. The simulator produces
 * WINDOW_CLOSED and RATE_LIMITED through its fault layer.
 */
export const NATIONAL_ERROR_CODES = [
  'BAD_REQUEST',
  'INVALID_CLIENT',
  'TOKEN_MISSING',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
  'NOT_FOUND',
  'CASE_NOT_FOUND',
  'CATALOGUE_NOT_FOUND',
  'VALIDATION_FAILED',
  'WINDOW_CLOSED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

/** One national error code. */
export type NationalErrorCode = (typeof NATIONAL_ERROR_CODES)[number];

/** The 401 codes after which a client fetches a new token and retries once. */
export const REFRESHABLE_TOKEN_ERRORS: readonly NationalErrorCode[] = [
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
];

/** One invalid field named by the national database (message never carries the value). */
export interface NationalFieldError {
  readonly field: string;
  readonly message: string;
}

/** Body of every national error reply. */
export interface NationalErrorBody {
  readonly error: NationalErrorCode;
  readonly message: string;
  readonly fieldErrors?: readonly NationalFieldError[];
  /** Sent with WINDOW_CLOSED: ISO timestamp when the next submission window opens. */
  readonly nextWindowOpensAt?: string;
}

/** Reply of POST /api/v1/auth/token. */
export interface TokenReply {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

/** Body of POST /api/v1/cases and PUT /api/v1/cases/{id}. */
export interface CaseSubmissionBody {
  readonly submissionKey: string;
  readonly case: NationalCase;
}

/** Body of POST /api/v1/cases/{id}/stages/{stage}. */
export interface StageSubmissionBody {
  readonly submissionKey: string;
  readonly data: unknown;
}

/** Reply of every accepted or duplicate submission. */
export interface SubmissionReply {
  readonly nationalCaseId: string;
  readonly submissionKey: string;
  readonly duplicate: boolean;
  /** When the national database first received this submission key (ISO timestamp). */
  readonly receivedAt: string;
  /** 1 for create and update, 2–5 for later stages. */
  readonly stage: number;
}

/** Most items one batch request may carry. */
export const BATCH_MAX_ITEMS = 100;

/** One item of POST /api/v1/cases/batch: the body of a single submission plus what its route says. */
export type BatchItem =
  | { readonly operation: 'create'; readonly submissionKey: string; readonly case: NationalCase }
  | {
      readonly operation: 'update';
      readonly submissionKey: string;
      readonly nationalCaseId: string;
      readonly case: NationalCase;
    }
  | {
      readonly operation: 'stage';
      readonly submissionKey: string;
      readonly nationalCaseId: string;
      readonly stage: LaterStage;
      readonly data: unknown;
    };

/** Body of POST /api/v1/cases/batch. */
export interface BatchBody {
  readonly items: readonly BatchItem[];
}

/**
 * What happened to one batch item: `status` is the HTTP status the item would have had on its
 * own route (201, 200, 400, 404, 422, 429, 503), with the reply when it was accepted or a
 * duplicate, else the error body.
 */
export interface BatchItemResult {
  readonly submissionKey: string | null;
  readonly status: number;
  readonly reply?: SubmissionReply;
  readonly error?: NationalErrorBody;
}

/** Reply of POST /api/v1/cases/batch: one result per item, in the order of the items. */
export interface BatchReply {
  readonly results: readonly BatchItemResult[];
}

/** Reply of GET /stats. */
export interface NationalStats {
  readonly received: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly cases: number;
  /** Cases created for a maHoSoNguon already held under another submission key (must stay 0). */
  readonly duplicateCases: number;
  /** Cases created with trungVoiMaHoSoNguon (sent as a duplicate of another hub case). */
  readonly linkedDuplicates: number;
}
