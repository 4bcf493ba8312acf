/**
 * The one place a rest-json source is called over HTTP: GET with auth headers, a deadline, the
 * run's stop signal and keep-alive connections; every failure becomes a HubError. Statuses are
 * classified here (validateStatus accepts all), not by axios.
 */
import axios, { type AxiosInstance } from 'axios';
import type { Logger } from 'pino';
import { keepAliveAgents } from '../shared/http-agents.ts';
import {
  badPayloadError,
  statusError,
  timeoutError,
  transportError,
  type HttpTarget,
} from '../shared/http-errors.ts';
import { authHeaders } from './auth.ts';
import type { RestJsonSettings } from './settings.ts';

/** Query parameters of one call. */
export type QueryParams = Readonly<Record<string, string | number>>;

/** A 2xx answer: its status and body (text as received, or parsed JSON). */
export interface Answer<Body> {
  readonly status: number;
  readonly body: Body;
  /** The Content-Type header, or "no content type". */
  readonly contentType: string;
}

/** GETs from one source; every failure is a HubError. */
export interface SourceHttp {
  /** GET `path` with `params`; resolves with the text of a 2xx answer. */
  getText(path: string, params: QueryParams): Promise<Answer<string>>;
  /** GET `path` with `params`; resolves with the parsed JSON of a 2xx answer. */
  getJson(path: string, params: QueryParams): Promise<Answer<unknown>>;
}

/** What the client needs from the adapter context. */
export interface SourceHttpContext {
  readonly sourceId: string;
  readonly secrets: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/** A client for one source; throws KNTC_CONFIG_INVALID at once if its secret is not set. */
export function createSourceHttp(ctx: SourceHttpContext, settings: RestJsonSettings): SourceHttp {
  const headers = {
    Accept: 'application/json',
    ...authHeaders(ctx.sourceId, settings.auth, ctx.secrets),
  };
  const client = axios.create({
    baseURL: settings.baseUrl,
    headers,
    timeout: settings.timeoutMs,
    ...keepAliveAgents,
    maxRedirects: 5,
    responseType: 'text',
    // Parse ourselves: an HTML error page must become KNTC_SOURCE_BAD_PAYLOAD, not a string.
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  const getText = (path: string, params: QueryParams): Promise<Answer<string>> =>
    request(client, ctx, settings.timeoutMs, path, params);
  return {
    getText,
    async getJson(path, params) {
      const answer = await getText(path, params);
      const target: HttpTarget = { sourceId: ctx.sourceId, path };
      return { ...answer, body: parseJson(target, answer) };
    },
  };
}

/** One GET with a deadline covering the whole answer (not only socket idleness). */
async function request(
  client: AxiosInstance,
  ctx: SourceHttpContext,
  timeoutMs: number,
  path: string,
  params: QueryParams,
): Promise<Answer<string>> {
  const target: HttpTarget = { sourceId: ctx.sourceId, path };
  ctx.signal.throwIfAborted();
  const deadline = AbortSignal.timeout(timeoutMs);
  const started = Date.now();
  let response;
  try {
    response = await client.get<unknown>(path, {
      params,
      signal: AbortSignal.any([ctx.signal, deadline]),
    });
  } catch (err) {
    ctx.signal.throwIfAborted();
    if (deadline.aborted) throw timeoutError(target, timeoutMs, err);
    throw transportError(target, err, timeoutMs);
  }
  const text = typeof response.data === 'string' ? response.data : '';
  ctx.log.debug({ path, status: response.status, ms: Date.now() - started }, 'source answered');
  const failed = statusError(target, response.status, text);
  if (failed !== null) throw failed;
  const type: unknown = response.headers['content-type'];
  const contentType = typeof type === 'string' ? type : 'no content type';
  return { status: response.status, body: text, contentType };
}

function parseJson(target: HttpTarget, answer: Answer<string>): unknown {
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    const empty = answer.body.trim().length === 0;
    const reason = empty ? 'empty body' : `not JSON (${answer.contentType})`;
    throw badPayloadError(target, answer.status, reason);
  }
}
