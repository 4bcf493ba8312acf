/**
 * The hub's error catalogue. Every error a person may read carries a stable code, a message
 * saying what happened and where, and a hint saying what to do. Retryable errors (a source or
 * the national database unreachable) are retried by the queues; permanent ones are not.
 * Messages never contain petitioner identity: name fields, never their values.
 */

/** Stable error codes with the default hint for each. */
export const ERROR_CATALOGUE = {
  KNTC_CONFIG_INVALID: 'Fix the configuration file or environment variable named in the message.',
  KNTC_DB_UNREACHABLE:
    'Start PostgreSQL or set DATABASE_URL to a reachable server (e.g. postgres://postgres@127.0.0.1:5432/kntc_hub).',
  KNTC_REDIS_UNREACHABLE:
    'Start Redis or set REDIS_URL to a reachable server (e.g. redis://127.0.0.1:6379).',
  KNTC_SOURCE_UNKNOWN: 'Check the source id against `kntc-hub sources list`.',
  KNTC_SOURCE_UNREACHABLE:
    'Check that the local system is running and its URL in config is right; the pull will be retried.',
  KNTC_SOURCE_TIMEOUT:
    'The local system answered too slowly; the pull will be retried. Raise timeoutMs if this persists.',
  KNTC_SOURCE_AUTH:
    'The local system refused the credentials: check the secret in the environment variable named in config.',
  KNTC_SOURCE_HTTP:
    'The local system answered with an HTTP error; check its logs. 5xx errors are retried.',
  KNTC_SOURCE_BAD_PAYLOAD:
    'The local system sent something that is not the expected format: check its version and the adapter config.',
  KNTC_SOURCE_FILE_INVALID:
    'The file is damaged, truncated or not in the declared format: ask the unit to export it again; the file was moved to failed/.',
  KNTC_SOURCE_ENCODING:
    'The file is in an encoding the hub could not recognise: export it again as UTF-8, or set the encoding explicitly in the source config.',
  KNTC_SOURCE_XML_UNSAFE:
    'The XML carries a DTD or external entity, which the hub refuses for security: ask the vendor to send plain XML.',
  KNTC_SOURCE_TOO_LARGE:
    'A document or field is larger than the configured limit: check the source, or raise the limit in the source config if it is legitimate.',
  KNTC_SOURCE_QUERY:
    'The configured SQL query failed at the source database: check the query, the watermark column and the account permissions.',
  KNTC_CURSOR_INVALID:
    'The stored cursor does not fit this adapter (its config changed?): reset the source cursor from the console or CLI, then sync again.',
  KNTC_RUN_INTERRUPTED:
    'The hub stopped during this run (crash or restart); the next run resumes from the last saved page.',
  KNTC_MAPPING_INVALID: 'Fix the mapping file at the line and key named in the message.',
  KNTC_RECORD_FIELD_MISSING: 'Fill in the field in the local system, then sync again (or replay).',
  KNTC_RECORD_BAD_DATE:
    'Correct the date in the local system (format named in the message), then sync again.',
  KNTC_RECORD_UNKNOWN_CODE:
    'Correct the code in the local system, or add it to the mapping lookup table if it is a new valid code.',
  KNTC_RECORD_BAD_VALUE: 'Correct the value in the local system, then sync again.',
  KNTC_RECORD_SCHEMA:
    'The mapped record breaks the canonical schema: fix the mapping or the source value named.',
  KNTC_NATIONAL_UNREACHABLE:
    'The national database could not be reached; the push will be retried automatically.',
  KNTC_NATIONAL_AUTH:
    'The national database refused the hub credentials: check the secret in the environment variable named in config.',
  KNTC_NATIONAL_REJECTED:
    'The national database refused the case as invalid: fix the field it names at the source, then re-send.',
  KNTC_NATIONAL_HTTP:
    'The national database answered with an unexpected error; the push will be retried.',
  KNTC_NATIONAL_WINDOW_CLOSED:
    'The national submission window is closed; the hub holds the submission and sends it when the window opens.',
  KNTC_NATIONAL_RATE_LIMITED:
    'The national database asked the hub to slow down; the hub waits as told (Retry-After) and resumes by itself.',
  KNTC_BAD_REQUEST: 'Correct the request as the message says.',
  KNTC_NOT_FOUND: 'Check the id in the address; the item may have been removed.',
  KNTC_AUTH_REQUIRED: 'Sign in first.',
  KNTC_FORBIDDEN: 'Your role does not allow this; ask a provincial IT administrator.',
  KNTC_LOGIN_FAILED:
    'Check the user name and password; after several failures, wait a few minutes.',
  KNTC_LOGIN_RATE_LIMITED: 'Too many sign-in attempts: wait a few minutes before trying again.',
  KNTC_CSRF: 'The form expired or came from another site: reload the page and try again.',
  KNTC_CONFLICT: 'Someone changed this item meanwhile: reload it and decide again.',
  KNTC_INTERNAL: 'An unexpected error: report it to the hub maintainers with the run id.',
} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Options of a HubError beyond code and message. */
export interface HubErrorOptions {
  readonly retryable?: boolean;
  readonly hint?: string;
  readonly cause?: unknown;
  /** Non-personal context (source id, record id, field name, HTTP status…) for logs and the API. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** An error with a stable code, a message a person can act on, and a hint. */
export class HubError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly hint: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;

  constructor(code: ErrorCode, message: string, options: HubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HubError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.hint = options.hint ?? ERROR_CATALOGUE[code];
    this.details = options.details ?? {};
  }

  /** One line for a terminal or a log: code, message, hint. */
  toLine(): string {
    return `${this.code}: ${this.message} — ${this.hint}`;
  }
}

/** True when the error is a HubError marked retryable. */
export function isRetryable(err: unknown): boolean {
  return err instanceof HubError && err.retryable;
}

/** Wraps anything thrown into a HubError, keeping HubErrors as they are. */
export function toHubError(err: unknown): HubError {
  if (err instanceof HubError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new HubError('KNTC_INTERNAL', message, { cause: err });
}
