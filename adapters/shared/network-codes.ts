/**
 * What a Node.js network error code says went wrong on the way to a local system, in words an IT
 * officer understands: the diagnosis every adapter that opens a connection (HTTP or PostgreSQL)
 * gives when it could not reach its source. Each adapter adds its own hint (which port, which
 * service) and decides what is retryable.
 */

const WORDS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'host name not found in DNS',
  EAI_AGAIN: 'host name not found in DNS',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection closed by the other side',
  EPIPE: 'connection closed by the other side',
  EHOSTUNREACH: 'no network route to the host',
  ENETUNREACH: 'no network route to the host',
  ETIMEDOUT: 'no answer from the host',
};

/** The words for a network error code (ENOTFOUND, ECONNREFUSED…), or null for another code. */
export function describeNetworkCode(code: string): string | null {
  return WORDS[code] ?? null;
}

/** True when the code is a TLS failure (certificate expired, self-signed, wrong host, protocol). */
export function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'EPROTO'
  );
}
