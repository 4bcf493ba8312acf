/**
 * The one place a soap-xml source is called over HTTP: POST of an envelope or GET of a query,
 * with a deadline covering the whole answer, the run's stop signal and keep-alive. The answer
 * is streamed through the body filter (no DTD, bounded sizes) and parsed; a SOAP Fault is read
 * before the HTTP status is judged. Every failure is a HubError naming the source and the URL
 * path (never the query, a header or the body).
 */
import type { Readable } from 'node:stream';
import axios, { type AxiosResponse } from 'axios';
import type { Logger } from 'pino';
import { HubError } from '../../src/lib/errors.ts';
import { keepAliveAgents } from '../shared/http-agents.ts';
import {
  badPayloadError,
  statusError,
  timeoutError,
  transportError,
  type HttpTarget,
} from '../shared/http-errors.ts';
import { BodyRefusal, XmlBodyFilter, type FilteredBody } from './body-filter.ts';
import type { SourceRequest } from './envelope.ts';
import { normaliseValue, type OversizeInfo } from './normalise.ts';
import type { SoapXmlSettings } from './settings.ts';
import { faultElement, faultError, readFault } from './soap-fault.ts';
import { decodeXml, parseXml, XmlSyntaxError } from './xml-document.ts';

/** A parsed 2xx answer that is not a fault. */
export interface XmlAnswer {
  readonly status: number;
  /** xml2js's raw tree (prefixes stripped, explicitArray off). */
  readonly tree: unknown;
  readonly oversize: OversizeInfo;
}

/** What a call needs from the adapter context. */
export interface TransportContext {
  readonly sourceId: string;
  readonly secrets: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
  readonly log: Logger;
}

/** The URL path of the endpoint, as errors name it. */
export function endpointPath(endpoint: string): string {
  return new URL(endpoint).pathname;
}

/** Sends one request and returns its parsed answer; throws HubError. */
export async function callSource(
  ctx: TransportContext,
  settings: SoapXmlSettings,
  request: SourceRequest,
): Promise<XmlAnswer> {
  const target: HttpTarget = { sourceId: ctx.sourceId, path: endpointPath(settings.endpoint) };
  ctx.signal.throwIfAborted();
  const deadline = AbortSignal.timeout(settings.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, deadline]);
  const started = Date.now();
  const fail = (err: unknown): never => {
    ctx.signal.throwIfAborted();
    if (err instanceof HubError) throw err;
    // Neither builder keeps `err` (whose request config holds the password) as the cause.
    if (deadline.aborted) throw timeoutError(target, settings.timeoutMs, err);
    throw transportError(target, err, settings.timeoutMs);
  };
  let response: AxiosResponse<Readable>;
  try {
    response = await send(settings, request, signal);
  } catch (err) {
    return fail(err);
  }
  let filtered: FilteredBody;
  try {
    filtered = await readBody(target, settings, response);
  } catch (err) {
    response.data.destroy();
    return fail(err);
  }
  ctx.log.debug(
    { path: target.path, status: response.status, ms: Date.now() - started },
    'source answered',
  );
  return judge(ctx, settings, target, response.status, filtered);
}

function send(
  settings: SoapXmlSettings,
  request: SourceRequest,
  signal: AbortSignal,
): Promise<AxiosResponse<Readable>> {
  return axios.request<Readable>({
    url: settings.endpoint,
    method: request.method,
    headers: request.headers,
    ...(request.method === 'POST' ? { data: request.body } : { params: request.query }),
    responseType: 'stream',
    ...keepAliveAgents,
    maxRedirects: 5,
    decompress: true,
    validateStatus: () => true,
    signal,
  });
}

function contentTypeOf(response: AxiosResponse<Readable>): string {
  const type: unknown = response.headers['content-type'];
  return typeof type === 'string' ? type : 'no content type';
}

async function readBody(
  target: HttpTarget,
  settings: SoapXmlSettings,
  response: AxiosResponse<Readable>,
): Promise<FilteredBody> {
  const ok = response.status >= 200 && response.status < 300;
  if (ok && /text\/html/i.test(contentTypeOf(response))) {
    throw badPayloadError(target, response.status, 'an HTML page, not XML');
  }
  const filter = new XmlBodyFilter(settings);
  try {
    for await (const chunk of response.data) {
      filter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    }
  } catch (err) {
    if (!(err instanceof BodyRefusal)) throw err;
    // An error status explains more than its (often HTML, with a DOCTYPE) error page.
    throw statusError(target, response.status) ?? refusalError(target, settings, err);
  }
  return filter.finish();
}

function refusalError(target: HttpTarget, settings: SoapXmlSettings, err: BodyRefusal): HubError {
  const at = `source "${target.sourceId}" on ${target.path}`;
  const details = { sourceId: target.sourceId, path: target.path };
  if (err.reason === 'unsafe') {
    return new HubError('KNTC_SOURCE_XML_UNSAFE', `${at}: ${err.message}; nothing was parsed`, {
      details,
    });
  }
  const limits = `maxDocumentBytes ${settings.maxDocumentBytes}, maxFieldBytes ${settings.maxFieldBytes}`;
  return new HubError('KNTC_SOURCE_TOO_LARGE', `${at}: ${err.message} (${limits})`, {
    details,
    hint: 'Lower pageSize so one answer is smaller, or raise maxDocumentBytes in the source config if such answers are legitimate.',
  });
}

async function judge(
  ctx: TransportContext,
  settings: SoapXmlSettings,
  target: HttpTarget,
  status: number,
  filtered: FilteredBody,
): Promise<XmlAnswer> {
  const oversize: OversizeInfo = { ...filtered, maxFieldBytes: settings.maxFieldBytes };
  let tree: unknown;
  try {
    tree = await parseXml(decodeXml(filtered.kept));
  } catch (err) {
    const failed = statusError(target, status);
    if (failed !== null) throw failed;
    if (err instanceof XmlSyntaxError) {
      throw badPayloadError(target, status, `malformed or truncated XML: ${err.message}`);
    }
    throw err;
  }
  const fault = faultElement(tree);
  if (fault !== undefined) {
    const read = readFault(normaliseValue(fault, oversize));
    throw faultError(target, status, read, Object.values(ctx.secrets));
  }
  const failed = statusError(target, status);
  if (failed !== null) throw failed;
  return { status, tree, oversize };
}
