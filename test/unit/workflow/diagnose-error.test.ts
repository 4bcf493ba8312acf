import { describe, expect, it } from 'vitest';
import {
  badPayloadError,
  statusError,
  timeoutError,
  transportError,
} from '../../../adapters/shared/http-errors.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { diagnoseError } from '../../../src/workflow/index.ts';

const target = { sourceId: 's', path: '/list' };
const netErr = (code: string) => Object.assign(new Error(code), { code });

describe('diagnoseError', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNRESET', 'network'],
  ])('classifies a transport error %s as %s', (code, cause) => {
    const d = diagnoseError(transportError(target, netErr(code), 1000));
    expect(d.cause).toBe(cause);
    expect(d.retryable).toBe(true);
  });

  it.each([
    [401, 'auth', false],
    [403, 'auth', false],
    [503, 'http-server', true],
    [429, 'http-server', true],
    [404, 'http-client', false],
  ])('classifies HTTP %s as %s', (status, cause, retryable) => {
    const e = statusError(target, status);
    expect(e).not.toBeNull();
    expect(diagnoseError(e)).toMatchObject({ cause, retryable });
  });

  it('classifies timeouts, bad payloads, mapping and config errors', () => {
    expect(diagnoseError(timeoutError(target, 500)).cause).toBe('timeout');
    expect(diagnoseError(badPayloadError(target, 200, 'not JSON')).cause).toBe('format');
    expect(diagnoseError(new HubError('KNTC_SOURCE_ENCODING', 'x')).cause).toBe('format');
    expect(diagnoseError(new HubError('KNTC_MAPPING_INVALID', 'x')).cause).toBe('mapping-file');
    expect(diagnoseError(new HubError('KNTC_CONFIG_INVALID', 'x')).cause).toBe('config');
  });

  it('keeps code, message and hint, and wraps anything else as internal', () => {
    const d = diagnoseError(new Error('boom'));
    expect(d).toMatchObject({ code: 'KNTC_INTERNAL', message: 'boom', cause: 'other' });
    expect(d.hint.length).toBeGreaterThan(10);
    expect(d.explanation.length).toBeGreaterThan(10);
  });
});
