// HTTP failures become HubErrors whose cause is safe to log: never the axios error (its config
// holds the request headers and body), only the error code and the status.
import { inspect } from 'node:util';
import { AxiosError, AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import {
  cleanCause,
  timeoutError,
  transportError,
} from '../../../../adapters/shared/http-errors.ts';

const SECRET = 'top-secret-key';
const target = { sourceId: 'quynhon-web', path: '/api/v1/don-thu' };

/** An axios error as axios throws it: the request config, headers and body included. */
function axiosError(code: string, nested = true, status?: number): AxiosError {
  const config = {
    headers: new AxiosHeaders({ 'X-Api-Key': SECRET, Authorization: `Bearer ${SECRET}` }),
    data: `<Password>${SECRET}</Password>`,
    url: '/api/v1/don-thu',
  } as InternalAxiosRequestConfig;
  const node = Object.assign(new Error(`connect ${code} 127.0.0.1:4101`), { code });
  const response =
    status === undefined
      ? undefined
      : { status, statusText: '', headers: {}, config, data: SECRET, request: {} };
  const err = new AxiosError(
    'request failed',
    nested ? undefined : code,
    config,
    { secret: SECRET },
    response,
  );
  if (nested) err.cause = node;
  return err;
}

const rendered = (err: unknown): string =>
  `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)}`;

describe('cleanCause', () => {
  it('keeps the error code found on the error or its causes, and nothing of the request', () => {
    for (const err of [axiosError('ECONNREFUSED'), axiosError('ECONNREFUSED', false)]) {
      const clean = cleanCause(err);
      expect(clean).toBeInstanceOf(Error);
      expect(clean.message).toBe('network error ECONNREFUSED');
      expect({ ...clean }).toEqual({ code: 'ECONNREFUSED' });
      expect(clean.cause).toBeUndefined();
      expect(rendered(clean)).not.toContain(SECRET);
    }
  });

  it('keeps the HTTP status of an error that carries a response', () => {
    const clean = cleanCause(axiosError('ERR_BAD_RESPONSE', false, 502));
    expect({ ...clean }).toEqual({ status: 502 });
    expect(clean.message).toBe('request failed (HTTP 502)');
    expect(rendered(clean)).not.toContain(SECRET);
  });

  it('says "request failed" for something without a code', () => {
    expect(cleanCause('boom').message).toBe('request failed');
  });
});

describe('the errors built from a failed call', () => {
  it('transport errors never keep the axios error as their cause', () => {
    for (const code of ['ECONNREFUSED', 'CERT_HAS_EXPIRED', 'ENOTFOUND']) {
      const err = transportError(target, axiosError(code), 1000);
      expect(err.details).toMatchObject({ errorCode: code });
      expect((err.cause as { code?: unknown }).code).toBe(code);
      expect(rendered(err)).not.toContain(SECRET);
    }
  });

  it('timeouts, whether the socket or our deadline noticed, neither', () => {
    const bySocket = transportError(target, axiosError('ETIMEDOUT'), 500);
    const byDeadline = timeoutError(target, 500, axiosError('ERR_CANCELED', false));
    for (const err of [bySocket, byDeadline]) {
      expect(err.code).toBe('KNTC_SOURCE_TIMEOUT');
      expect(err.retryable).toBe(true);
      expect(rendered(err)).not.toContain(SECRET);
    }
    expect(timeoutError(target, 500).cause).toBeUndefined();
  });
});
