/**
 * Incremental pull of a soap-xml source by a (modified, id) cursor, one batch per answer: the
 * shared cursor paging (adapters/shared/cursor-pull.ts) over requests built from the template.
 * - keyset (`keyset: true`): page 1, {{modifiedSince}} = cursor time, {{afterId}} = cursor id;
 * - otherwise: {{modifiedSince}} = cursor time (inclusive), page numbers only to walk an instant
 *   that fills whole pages.
 * A short page (fewer than pageSize records) is the end.
 */
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import { pullByCursor } from '../shared/cursor-pull.ts';
import type { Page } from '../shared/page.ts';
import type { Position } from '../shared/position.ts';
import type { SoapXmlConfig } from './config-schema.ts';
import { buildRequest } from './envelope.ts';
import { readPage } from './page.ts';
import type { SoapXmlSettings } from './settings.ts';
import { callSource, endpointPath } from './transport.ts';

/** Pulls every record after `from`, one batch per answer that brought something new. */
export async function* pullRecords(
  ctx: AdapterContext<SoapXmlConfig>,
  settings: SoapXmlSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const { keyset, pageSize, maxPages, lookbackSeconds } = settings;
  const options = {
    keyset: keyset ? { param: '{{afterId}}' } : null,
    pageSize,
    maxPages,
    lookbackSeconds,
    shortPageEnds: true,
    modifiedField: settings.record.modified,
  };
  const fetch = (query: Position | null, page: number): Promise<Page> =>
    fetchPage(ctx, settings, query, page);
  yield* pullByCursor(ctx, options, fetch, from);
}

/** Fetches and reads one page at `query` (a cursor position, or null: from the start). */
export async function fetchPage(
  ctx: AdapterContext<SoapXmlConfig>,
  settings: SoapXmlSettings,
  query: Position | null,
  page: number,
  pageSize = settings.pageSize,
): Promise<Page> {
  const values = {
    modifiedSince: query?.iso ?? null,
    afterId: settings.keyset ? (query?.id ?? null) : null,
    page,
    pageSize,
  };
  const request = buildRequest(ctx.sourceId, settings, ctx.secrets, values);
  const answer = await callSource(ctx, settings, request);
  const target = { sourceId: ctx.sourceId, path: endpointPath(settings.endpoint) };
  return readPage(target, answer, settings);
}
