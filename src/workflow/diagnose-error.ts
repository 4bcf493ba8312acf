/**
 * Turns the HubError a step of a source test failed with into a diagnosis: which kind of
 * failure it is (DNS, refused, TLS, timeout, credentials, format…) and one sentence on what to
 * look at. Adapters already classify their failures into codes; this reads the code and the
 * non-personal details (network error code, HTTP status) they attach.
 */
import { toHubError, type ErrorCode } from '../lib/errors.ts';

/** The kinds of failure a source test can find. */
export type FailureCause =
  | 'config'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'network'
  | 'timeout'
  | 'auth'
  | 'http-server'
  | 'http-client'
  | 'format'
  | 'query'
  | 'cursor'
  | 'mapping-file'
  | 'other';

/** A failed step's error, classified. */
export interface DiagnosedError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint: string;
  readonly retryable: boolean;
  readonly cause: FailureCause;
  /** What this kind of failure usually means, in one sentence. */
  readonly explanation: string;
}

const EXPLANATIONS: Readonly<Record<FailureCause, string>> = {
  config: 'The source entry in the deployment file, or a secret it names, is not usable.',
  dns: 'The host name in the source address is not known to DNS: check its spelling and the DNS server of this machine.',
  refused:
    'The host answered but nothing listens on that port: is the local system running, and is the port right?',
  tls: 'The TLS (https) handshake failed: the certificate is expired, self-signed or for another host name.',
  network:
    'The network path to the local system is broken (no route, connection reset): check firewalls and VPN.',
  timeout:
    'The local system did not answer in time: it may be overloaded, or a firewall drops the packets.',
  auth: 'The local system refused the hub credentials (HTTP 401/403): check the secret in the environment variable the config names.',
  'http-server':
    'The local system failed while answering (HTTP 5xx, 408 or 429): look at its logs; pulls retry by themselves.',
  'http-client':
    'The local system rejected the request (HTTP 4xx): a path or parameter name in the config is probably wrong.',
  format:
    'The local system answered with something that is not the expected format: check its version and the adapter settings that locate the records.',
  query: 'The configured SQL query failed at the source database.',
  cursor:
    'The saved cursor does not fit this adapter (its config changed?): reset it with `kntc-hub sources cursor <id> --reset`.',
  'mapping-file': 'The mapping file cannot be loaded: fix the line and key named.',
  other: 'An unexpected failure: report it with the message above.',
};

const BY_CODE: Partial<Readonly<Record<ErrorCode, FailureCause>>> = {
  KNTC_CONFIG_INVALID: 'config',
  KNTC_SOURCE_TIMEOUT: 'timeout',
  KNTC_SOURCE_AUTH: 'auth',
  KNTC_SOURCE_BAD_PAYLOAD: 'format',
  KNTC_SOURCE_FILE_INVALID: 'format',
  KNTC_SOURCE_ENCODING: 'format',
  KNTC_SOURCE_XML_UNSAFE: 'format',
  KNTC_SOURCE_TOO_LARGE: 'format',
  KNTC_SOURCE_QUERY: 'query',
  KNTC_CURSOR_INVALID: 'cursor',
  KNTC_MAPPING_INVALID: 'mapping-file',
};

/** Classifies anything thrown by a source test step. */
export function diagnoseError(err: unknown): DiagnosedError {
  const e = toHubError(err);
  const cause = causeOf(e.code, e.details, e.message);
  return {
    code: e.code,
    message: e.message,
    hint: e.hint,
    retryable: e.retryable,
    cause,
    explanation: EXPLANATIONS[cause],
  };
}

function causeOf(
  code: ErrorCode,
  details: Readonly<Record<string, unknown>>,
  message: string,
): FailureCause {
  if (code === 'KNTC_SOURCE_UNREACHABLE') return networkCause(details['errorCode'], message);
  if (code === 'KNTC_SOURCE_HTTP') {
    const status = details['status'];
    const serverSide =
      typeof status === 'number' && (status >= 500 || status === 408 || status === 429);
    return serverSide ? 'http-server' : 'http-client';
  }
  return BY_CODE[code] ?? 'other';
}

function networkCause(errorCode: unknown, message: string): FailureCause {
  const c = typeof errorCode === 'string' ? errorCode : '';
  if (c === 'ENOTFOUND' || c === 'EAI_AGAIN') return 'dns';
  if (c === 'ECONNREFUSED') return 'refused';
  if (/TLS|SSL|CERT/i.test(c) || c === 'EPROTO' || /\bTLS\b/.test(message)) return 'tls';
  return 'network';
}
