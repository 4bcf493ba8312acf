/**
 * Turns what the national database answered (or failed to answer) into HubErrors the queues
 * can act on: retryable when waiting may help (unreachable, 429, 5xx), permanent otherwise.
 * Messages name the URL path, HTTP status and submission key, never a value from the case.
 */
import { isAxiosError } from 'axios';
import { HubError, type HubErrorOptions } from '../lib/errors.ts';
import type { NationalErrorBody, NationalFieldError } from './contract.ts';

/** Where a failed request went: for messages and details. */
export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly submissionKey?: string;
}

/** The national database refused a case as invalid (HTTP 422); fieldErrors say which fields. */
export class NationalRejectedError extends HubError {
  readonly fieldErrors: readonly NationalFieldError[];

  constructor(
    message: string,
    fieldErrors: readonly NationalFieldError[],
    options: HubErrorOptions,
  ) {
    super('KNTC_NATIONAL_REJECTED', message, { ...options, retryable: false });
    this.name = 'NationalRejectedError';
    this.fieldErrors = fieldErrors;
  }
}

const NETWORK_CODES = new Set([
  'ECONNABORTED',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_CANCELED',
]);

/** Parses Retry-After (delta seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function where(ctx: RequestContext): string {
  const key = ctx.submissionKey === undefined ? '' : ` (submission ${ctx.submissionKey})`;
  return `${ctx.method} ${ctx.path}${key}`;
}

function baseDetails(ctx: RequestContext, status: number | null): Record<string, string | number> {
  return {
    method: ctx.method,
    path: ctx.path,
    ...(ctx.submissionKey !== undefined && { submissionKey: ctx.submissionKey }),
    ...(status !== null && { httpStatus: status }),
  };
}

function asErrorBody(data: unknown): Partial<NationalErrorBody> {
  return typeof data === 'object' && data !== null ? data : {};
}

function fieldErrorsOf(body: Partial<NationalErrorBody>): NationalFieldError[] {
  const list: unknown = body.fieldErrors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) => {
    const f = item as Partial<Record<keyof NationalFieldError, unknown>> | null;
    if (typeof f?.field !== 'string') return [];
    return [{ field: f.field, message: typeof f.message === 'string' ? f.message : '' }];
  });
}

function fromStatus(err: unknown, ctx: RequestContext, status: number, data: unknown): HubError {
  const headers = isAxiosError(err) ? err.response?.headers : undefined;
  const retryAfter: unknown = headers?.['retry-after'];
  return nationalError(
    ctx,
    status,
    data,
    typeof retryAfter === 'string' ? retryAfter : undefined,
    err,
  );
}

/**
 * The HubError for a national error answer: a whole reply's, or one batch item's (then
 * `retryAfter` is the batch reply's Retry-After header).
 */
export function nationalError(
  ctx: RequestContext,
  status: number,
  data: unknown,
  retryAfter: string | undefined,
  cause?: unknown,
): HubError {
  const body = asErrorBody(data);
  const code = typeof body.error === 'string' ? body.error : 'none';
  const details = { ...baseDetails(ctx, status), nationalError: code };
  const opts = { cause, details };
  if (status === 422) {
    const fields = fieldErrorsOf(body);
    const names = fields.map((f) => f.field).join(', ') || '(none named)';
    const msg = `National database rejected ${where(ctx)} with HTTP 422: invalid fields ${names}`;
    return new NationalRejectedError(msg, fields, opts);
  }
  if (status === 401 || status === 403) {
    const msg = `National database refused the hub credentials at ${where(ctx)}: HTTP ${status} ${code}`;
    return new HubError('KNTC_NATIONAL_AUTH', msg, opts);
  }
  const msg = `National database answered HTTP ${status} ${code} to ${where(ctx)}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    const withRetry = retryAfterMs === undefined ? details : { ...details, retryAfterMs };
    return new HubError('KNTC_NATIONAL_RATE_LIMITED', msg, {
      cause,
      details: withRetry,
      retryable: true,
    });
  }
  if (status === 409 && code === 'WINDOW_CLOSED') return windowClosed(cause, ctx, body, details);
  return new HubError('KNTC_NATIONAL_HTTP', msg, { ...opts, retryable: status >= 500 });
}

/**
 * 409 WINDOW_CLOSED: retryable once the window opens. `details.nextWindowOpensAt` (ISO) and
 * `details.retryAfterMs` say when, if the national side said so.
 */
function windowClosed(
  err: unknown,
  ctx: RequestContext,
  body: Partial<NationalErrorBody>,
  details: Record<string, string | number>,
): HubError {
  const opensAt = typeof body.nextWindowOpensAt === 'string' ? body.nextWindowOpensAt : undefined;
  const at = opensAt === undefined ? Number.NaN : Date.parse(opensAt);
  const when = Number.isNaN(at) ? 'an unannounced time' : new Date(at).toISOString();
  const msg = `National submission window is closed for ${where(ctx)}; it opens at ${when}`;
  const extra = Number.isNaN(at)
    ? {}
    : { nextWindowOpensAt: new Date(at).toISOString(), retryAfterMs: Math.max(0, at - Date.now()) };
  return new HubError('KNTC_NATIONAL_WINDOW_CLOSED', msg, {
    cause: err,
    retryable: true,
    details: { ...details, ...extra },
  });
}

function describeNetworkCode(code: string): string {
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return `timeout (${code})`;
  return NETWORK_CODES.has(code) || /^E[A-Z0-9_]+$/.test(code) ? code : 'network error';
}

/** Maps an axios failure (or anything thrown while calling) to a HubError. */
export function toNationalError(err: unknown, ctx: RequestContext): HubError {
  if (err instanceof HubError) return err;
  if (isAxiosError(err) && err.response !== undefined) {
    return fromStatus(err, ctx, err.response.status, err.response.data);
  }
  const code = isAxiosError(err) ? (err.code ?? '') : ((err as { code?: string })?.code ?? '');
  const reason = describeNetworkCode(code);
  const msg = `National database unreachable at ${where(ctx)}: ${reason}`;
  return new HubError('KNTC_NATIONAL_UNREACHABLE', msg, {
    cause: err,
    retryable: true,
    details: { ...baseDetails(ctx, null), reason },
  });
}
