// The words every adapter uses for a network failure, and which codes are TLS failures.
import { describe, expect, it } from 'vitest';
import { describeNetworkCode, isTlsCode } from '../../../../adapters/shared/network-codes.ts';

describe('network error codes', () => {
  it.each([
    ['ENOTFOUND', 'host name not found in DNS'],
    ['EAI_AGAIN', 'host name not found in DNS'],
    ['ECONNREFUSED', 'connection refused'],
    ['ECONNRESET', 'connection closed by the other side'],
    ['EPIPE', 'connection closed by the other side'],
    ['EHOSTUNREACH', 'no network route to the host'],
    ['ENETUNREACH', 'no network route to the host'],
    ['ETIMEDOUT', 'no answer from the host'],
  ])('%s: %s', (code, words) => {
    expect(describeNetworkCode(code)).toBe(words);
  });

  it('has no words for a code that is not a network failure', () => {
    expect(describeNetworkCode('28P01')).toBeNull();
    expect(describeNetworkCode('ERR_BAD_RESPONSE')).toBeNull();
  });

  it('tells TLS failures from the others', () => {
    for (const code of [
      'CERT_HAS_EXPIRED',
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE_CERT',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_SSL_WRONG_VERSION_NUMBER',
      'EPROTO',
    ]) {
      expect(isTlsCode(code), code).toBe(true);
    }
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', '08006']) {
      expect(isTlsCode(code), code).toBe(false);
    }
  });
});
