/**
 * Turns what went wrong on an HTTP call to a local system into a HubError a provincial IT officer
 * can act on. Shared by every HTTP-based adapter (rest-json, soap-xml), so it knows nothing of
 * JSON, XML or of any adapter's config: it takes a source id, the URL path and either the status
 * of a response or the error axios threw.
 *
 * Messages name the source, the path (never the query, never a header) and the status.
 * Retryable: the network, timeouts, 5xx, 408 and 429. Permanent: auth and other 4xx.
 * The `cause` of a HubError may be logged, so it is never the error axios threw (whose config
 * holds the request headers and body, with the API key, Basic password, token or WS-Security
 * password): it is a clean Error carrying only the error code and, if any, the HTTP status.
 */
import { isAxiosError } from 'axios';
import { HubError } from '../../src/lib/errors.ts';
import { describeNetworkCode, isTlsCode } from './network-codes.ts';

/** Where a call went: the source id and the URL path (no query string, no credentials). */
export interface HttpTarget {
  readonly sourceId: string;
  readonly path: string;
}

const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const SOURCE_MESSAGE_MAX = 200;

/** The error for an HTTP status, or null when the status is a success (2xx). */
export function statusError(target: HttpTarget, status: number, body?: string): HubError | null {
  if (status >= 200 && status < 300) return null;
  const said = sourceMessage(body);
  const where = `source "${target.sourceId}" answered HTTP ${status} on ${target.path}`;
  const message = said === null ? where : `${where}: ${said}`;
  const details = { sourceId: target.sourceId, path: target.path, status };
  if (status === 401 || status === 403) {
    return new HubError('KNTC_SOURCE_AUTH', message, { details });
  }
  const retryable = status >= 500 || status === 408 || status === 429;
  return new HubError('KNTC_SOURCE_HTTP', message, { retryable, details });
}

/** The error for a call that got no usable response (DNS, refused, TLS, timeout, reset). */
export function transportError(target: HttpTarget, err: unknown, timeoutMs: number): HubError {
  const code = errorCode(err) ?? 'UNKNOWN';
  const details = { sourceId: target.sourceId, path: target.path, errorCode: code };
  const at = `source "${target.sourceId}" on ${target.path}`;
  if (TIMEOUT_CODES.has(code)) return timeoutError(target, timeoutMs, err);
  const cause = cleanCause(err);
  if (isTlsCode(code)) {
    return new HubError('KNTC_SOURCE_UNREACHABLE', `${at}: TLS handshake failed (${code})`, {
      retryable: true,
      cause,
      details,
      hint: 'The local system presented a certificate the hub does not trust (expired, self-signed or for another host name): renew it or fix baseUrl; the pull will be retried.',
    });
  }
  const what =
    describeNetworkCode(code) ?? (UNREACHABLE_CODES.has(code) ? 'network error' : 'request failed');
  const advice = code === 'ECONNREFUSED' ? ': is the system running on that port?' : '';
  return new HubError('KNTC_SOURCE_UNREACHABLE', `${at}: ${what} (${code})${advice}`, {
    retryable: true,
    cause,
    details,
  });
}

/** The error for a 2xx response whose body is not what the adapter expects. */
export function badPayloadError(target: HttpTarget, status: number, reason: string): HubError {
  return new HubError(
    'KNTC_SOURCE_BAD_PAYLOAD',
    `source "${target.sourceId}" answered HTTP ${status} on ${target.path} with an unusable body: ${reason}`,
    { details: { sourceId: target.sourceId, path: target.path, status } },
  );
}

/** The timeout error, also for a deadline the caller enforced itself (an AbortSignal timer). */
export function timeoutError(target: HttpTarget, timeoutMs: number, cause?: unknown): HubError {
  return new HubError(
    'KNTC_SOURCE_TIMEOUT',
    `source "${target.sourceId}" on ${target.path}: no answer within ${timeoutMs} ms`,
    {
      retryable: true,
      cause: cause === undefined ? undefined : cleanCause(cause),
      details: { sourceId: target.sourceId, path: target.path, timeoutMs },
    },
  );
}

/**
 * What may travel as a HubError's cause: a new Error with the first error code found (and the
 * HTTP status, when the error carries a response), nothing of the request it failed on.
 */
export function cleanCause(err: unknown): Error {
  const code = errorCode(err);
  const status = responseStatus(err);
  const what = code === null ? 'request failed' : `network error ${code}`;
  const clean = new Error(status === null ? what : `${what} (HTTP ${status})`);
  if (code !== null) Object.assign(clean, { code });
  if (status !== null) Object.assign(clean, { status });
  return clean;
}

function responseStatus(err: unknown): number | null {
  if (!isAxiosError(err)) return null;
  const status = err.response?.status;
  return typeof status === 'number' ? status : null;
}

/** The first error code found on the error or its causes (axios wraps Node's error). */
function errorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_BAD_RESPONSE') return code;
    current = isAxiosError(current) || current instanceof Error ? current.cause : undefined;
  }
  return null;
}

/** The `message`/`error` a JSON error body carries, shortened; null when there is none. */
function sourceMessage(body: string | undefined): string | null {
  if (body === undefined || body.length === 0) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { message, error } = parsed as { message?: unknown; error?: unknown };
    const said = typeof message === 'string' ? message : typeof error === 'string' ? error : null;
    return said === null ? null : said.slice(0, SOURCE_MESSAGE_MAX);
  } catch {
    return null;
  }
}
