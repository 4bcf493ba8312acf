/**
 * How the national client talks HTTP: one keep-alive axios instance, the bearer token (fetched
 * with the client id/secret, refreshed once on a 401 TOKEN_EXPIRED / TOKEN_INVALID), and pacing
 * to the quota the national side reports (quota.ts). Failures are thrown as axios errors; the
 * client turns them into HubErrors.
 */
import http from 'node:http';
import https from 'node:https';
import axios, { isAxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { REFRESHABLE_TOKEN_ERRORS, type NationalErrorBody } from './contract.ts';
import { createQuotaTracker, readQuota, type QuotaTracker } from './quota.ts';
import { createTokenSource, type TokenSource } from './token.ts';

/** Where the national database is and how the hub authenticates. */
export interface NationalClientConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly secret: string;
  readonly timeoutMs: number;
}

/** An answer as the client reads it. */
export interface Answer {
  readonly status: number;
  readonly data: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
}

/** The HTTP side of the client. */
export interface Transport {
  /** Sends one request carrying `items` submissions, paced to the quota; throws axios errors. */
  send(req: AxiosRequestConfig, items: number): Promise<Answer>;
  /** Fetches a fresh token (throws what fetching it threw). */
  refreshToken(): Promise<void>;
  close(): void;
}

function isRefreshable401(err: unknown): boolean {
  if (!isAxiosError(err) || err.response?.status !== 401) return false;
  const body = err.response.data as Partial<NationalErrorBody> | null;
  return REFRESHABLE_TOKEN_ERRORS.some((code) => code === body?.error);
}

function headersOf(err: unknown): Readonly<Record<string, unknown>> {
  return isAxiosError(err) ? ((err.response?.headers as Record<string, unknown>) ?? {}) : {};
}

/** Sends once: waits for the quota, sends with the current token, tells the quota the answer. */
async function sendOnce(
  api: AxiosInstance,
  tokens: TokenSource,
  quota: QuotaTracker,
  req: AxiosRequestConfig,
  items: number,
): Promise<Answer> {
  const ticket = await quota.take(items);
  try {
    const res = await api.request({
      ...req,
      headers: { authorization: `Bearer ${await tokens.get()}` },
    });
    const headers = res.headers as Record<string, unknown>;
    ticket.done(readQuota(headers));
    return { status: res.status, data: res.data as unknown, headers };
  } catch (err) {
    ticket.done(readQuota(headersOf(err)));
    throw err;
  }
}

/** Builds the transport. */
export function createTransport(config: NationalClientConfig): Transport {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({ keepAlive: true });
  const api = axios.create({
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    httpAgent,
    httpsAgent,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
  });
  const tokens = createTokenSource(api, config);
  const quota = createQuotaTracker();

  return {
    async send(req, items) {
      try {
        return await sendOnce(api, tokens, quota, req, items);
      } catch (err) {
        if (!isRefreshable401(err)) throw err;
        tokens.invalidate();
        return await sendOnce(api, tokens, quota, req, items);
      }
    },
    async refreshToken() {
      tokens.invalidate();
      await tokens.get();
    },
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
