/**
 * Turns what went wrong talking to a source database into a HubError a provincial IT officer
 * can act on. Classified by PostgreSQL's SQLSTATE (err.code) or Node's network code:
 * - cannot connect (refused, DNS, no route, connect timeout, server starting or full)
 *   → KNTC_SOURCE_UNREACHABLE, retryable;
 * - the server refused the account (28P01, 28000) → KNTC_SOURCE_AUTH, permanent;
 * - the database does not exist (3D000) → KNTC_SOURCE_UNREACHABLE, permanent;
 * - the statement timed out (57014) → KNTC_SOURCE_TIMEOUT, retryable;
 * - the query is wrong (class 42: syntax, missing column or table, no permission; class 22:
 *   bad data or cast; 25006: it tried to write) → KNTC_SOURCE_QUERY, permanent;
 * - transient server trouble (class 08, 40, 53, 57P0x, 58) → KNTC_SOURCE_UNREACHABLE, retryable.
 *
 * PostgreSQL's own message is quoted only for class 42, where it names identifiers
 * (`column "x" does not exist`); data exceptions can quote a row's value, which may be personal,
 * so for them only the SQLSTATE is given. err.detail and err.hint are never used, and the error
 * itself is not kept as the HubError's cause (a cause may be logged): only its code is.
 */
import { HubError, type ErrorCode } from '../../src/lib/errors.ts';
import { describeNetworkCode, isTlsCode } from '../shared/network-codes.ts';
import { QUERY_OFFSET } from './query.ts';

/** Where a statement went: the source and its database (host:port/database). */
export interface ErrorTarget {
  readonly sourceId: string;
  readonly where: string;
  readonly statementTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Length of the configured query, to tell its errors from the adapter's wrapping. */
  readonly queryLength: number;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);
const MESSAGE_MAX = 300;

interface PgLikeError {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly position?: unknown;
}

/** The SQLSTATE or Node error code of an error, or null. */
export function errorCode(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as PgLikeError).code;
  return typeof code === 'string' ? code : null;
}

/** The cause a HubError keeps: an Error with the SQLSTATE or network code, nothing else. */
function codeOnly(err: unknown): Error {
  const code = errorCode(err);
  if (code === null) return new Error('database error');
  return Object.assign(new Error(`database error ${code}`), { code });
}

function messageOf(err: unknown): string {
  const m = typeof err === 'object' && err !== null ? (err as PgLikeError).message : undefined;
  return typeof m === 'string' ? m.slice(0, MESSAGE_MAX) : String(err).slice(0, MESSAGE_MAX);
}

function make(
  target: ErrorTarget,
  code: ErrorCode,
  what: string,
  options: { retryable: boolean; err: unknown; hint?: string; sqlState?: string | null },
): HubError {
  return new HubError(code, `source "${target.sourceId}" (database ${target.where}): ${what}`, {
    retryable: options.retryable,
    cause: codeOnly(options.err),
    ...(options.hint === undefined ? {} : { hint: options.hint }),
    details: {
      sourceId: target.sourceId,
      database: target.where,
      errorCode: options.sqlState ?? errorCode(options.err),
    },
  });
}

/** The error for a failure while connecting or setting up the session. */
export function connectError(target: ErrorTarget, err: unknown): HubError {
  const code = errorCode(err);
  if (code === '28P01' || code === '28000') {
    return make(target, 'KNTC_SOURCE_AUTH', `the server refused the login (${code})`, {
      retryable: false,
      err,
      hint: 'Check the user in config and the password in the environment variable it names; 28000 means no pg_hba.conf entry allows this host/user/database (ask the system vendor).',
    });
  }
  if (code === '3D000') {
    return make(target, 'KNTC_SOURCE_UNREACHABLE', 'the database does not exist on that server', {
      retryable: false,
      err,
      hint: 'Check the database name in config (PostgreSQL names are case-sensitive when quoted).',
    });
  }
  if (code === '22023') {
    return make(target, 'KNTC_CONFIG_INVALID', `a session setting was refused: ${messageOf(err)}`, {
      retryable: false,
      err,
      hint: 'Check timeZone in the source config (an IANA name such as Asia/Ho_Chi_Minh).',
    });
  }
  return classify(target, err);
}

/** The error for a failure of the page or probe statement (or of the connection under it). */
export function queryError(target: ErrorTarget, err: unknown): HubError {
  const code = errorCode(err);
  if (code === '57014') {
    return make(
      target,
      'KNTC_SOURCE_TIMEOUT',
      `the query did not finish within statementTimeoutMs (${target.statementTimeoutMs} ms)`,
      {
        retryable: true,
        err,
        hint: 'The source database was slow; the pull will be retried. If it persists, index the watermark column, simplify the query, lower pageSize or raise statementTimeoutMs.',
      },
    );
  }
  if (code !== null && code.startsWith('42')) {
    const at = queryPosition(err, target.queryLength);
    return make(
      target,
      'KNTC_SOURCE_QUERY',
      `the configured query failed: ${messageOf(err)}${at}`,
      {
        retryable: false,
        err,
      },
    );
  }
  if (code !== null && (code.startsWith('22') || code === '25006' || code.startsWith('2F'))) {
    return make(target, 'KNTC_SOURCE_QUERY', `the configured query failed with SQLSTATE ${code}`, {
      retryable: false,
      err,
      hint:
        code === '25006'
          ? 'The query tries to write; the hub reads in a read-only transaction: use a plain SELECT.'
          : 'A value or cast in the query failed (SQLSTATE class 22): run the query in psql to see which row, then fix the query or the data.',
    });
  }
  return classify(target, err);
}

/** Network and transient server errors; anything unknown is permanent and says so. */
function classify(target: ErrorTarget, err: unknown): HubError {
  const code = errorCode(err);
  const message = messageOf(err);
  if (code !== null && NETWORK_CODES.has(code)) {
    return make(target, 'KNTC_SOURCE_UNREACHABLE', networkWhat(code), { retryable: true, err });
  }
  if (code === null && /timeout|terminated|closed|ended/i.test(message)) {
    return make(
      target,
      'KNTC_SOURCE_UNREACHABLE',
      `connection lost or not made within connectTimeoutMs (${target.connectTimeoutMs} ms): ${message}`,
      {
        retryable: true,
        err,
      },
    );
  }
  if (code !== null && isTransientState(code)) {
    return make(
      target,
      'KNTC_SOURCE_UNREACHABLE',
      `the server is unavailable or busy (SQLSTATE ${code}): ${message}`,
      {
        retryable: true,
        err,
      },
    );
  }
  const tls = tlsError(target, err, code, message);
  if (tls !== null) return tls;
  return make(
    target,
    'KNTC_SOURCE_QUERY',
    `unexpected database error${code === null ? '' : ` (SQLSTATE ${code})`}`,
    {
      retryable: false,
      err,
      sqlState: code,
      hint: 'Check the source database logs at the time of the run; report it to the hub maintainers with the run id if it persists.',
    },
  );
}

function tlsError(
  target: ErrorTarget,
  err: unknown,
  code: string | null,
  message: string,
): HubError | null {
  if (code !== null && isTlsCode(code)) {
    return make(target, 'KNTC_SOURCE_UNREACHABLE', `TLS handshake failed (${code})`, {
      retryable: true,
      err,
      hint: 'The database presented a certificate the hub does not trust (expired, self-signed, or for another host name): fix it, or choose the sslmode that matches how the server is set up.',
    });
  }
  if (/does not support SSL|SSL off/i.test(message)) {
    return make(target, 'KNTC_SOURCE_UNREACHABLE', 'the server does not accept TLS connections', {
      retryable: false,
      err,
      hint: 'Enable SSL on the source database, or set sslmode: disable only if the network path is trusted.',
    });
  }
  return null;
}

function isTransientState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('40') ||
    code.startsWith('53') ||
    code.startsWith('58') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03'
  );
}

function networkWhat(code: string): string {
  const what = `${describeNetworkCode(code) ?? 'network error'} (${code})`;
  if (code === 'ECONNREFUSED') {
    return `${what}: is PostgreSQL running and listening on that host and port?`;
  }
  return code === 'ETIMEDOUT' ? `${what}: check firewall and VPN` : what;
}

/** " at character N of the configured query", when PostgreSQL reported a position inside it. */
function queryPosition(err: unknown, queryLength: number): string {
  const raw = typeof err === 'object' && err !== null ? (err as PgLikeError).position : undefined;
  const position = Number(raw) - QUERY_OFFSET;
  if (!Number.isInteger(position) || position <= 0) return '';
  return position <= queryLength
    ? ` (at character ${position} of the configured query)`
    : ' (in the paging the adapter adds: check watermark.column and key.column against the columns the query returns)';
}
