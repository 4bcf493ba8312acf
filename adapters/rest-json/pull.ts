/**
 * Incremental pull of a rest-json source by a (modified, id) cursor, one batch per answer: the
 * shared cursor paging (adapters/shared/cursor-pull.ts) over GETs of the list endpoint.
 * - keyset (params.afterId set): page 1, modifiedSince = cursor time, afterId = cursor id;
 * - otherwise: modifiedSince = cursor time (inclusive), page numbers only to walk an instant
 *   that fills whole pages.
 * A short page is not taken as the end: a source may serve fewer records than pageSize asks.
 */
import type { AdapterContext, Cursor, RawBatch } from '../contract.ts';
import { pullByCursor, type FetchPage } from '../shared/cursor-pull.ts';
import type { RestJsonConfig } from './config-schema.ts';
import { createSourceHttp, type QueryParams } from './http-client.ts';
import { readPage } from './page.ts';
import type { RestJsonSettings } from './settings.ts';

/** Pulls every record after `from`, yielding one batch per answer that brought something new. */
export async function* pullRecords(
  ctx: AdapterContext<RestJsonConfig>,
  settings: RestJsonSettings,
  from: Cursor | null,
): AsyncGenerator<RawBatch> {
  const { params, pageSize, maxPages, lookbackSeconds } = settings;
  const options = {
    keyset: params.afterId === undefined ? null : { param: params.afterId },
    pageSize,
    maxPages,
    lookbackSeconds,
    shortPageEnds: false,
    modifiedField: settings.record.modified,
  };
  yield* pullByCursor(ctx, options, listFetcher(ctx, settings), from);
}

/** GETs one page of the list endpoint at a position; throws KNTC_CONFIG_INVALID without its secret. */
function listFetcher(ctx: AdapterContext<RestJsonConfig>, settings: RestJsonSettings): FetchPage {
  const http = createSourceHttp(ctx, settings);
  const { params, listPath } = settings;
  const target = { sourceId: ctx.sourceId, path: listPath };
  return async (query, page) => {
    const q: Record<string, string | number> = {
      [params.page]: page,
      [params.pageSize]: settings.pageSize,
    };
    if (query !== null) q[params.modifiedSince] = query.iso;
    if (query?.id != null && params.afterId !== undefined) q[params.afterId] = query.id;
    const answer = await http.getJson(listPath, q satisfies QueryParams);
    return readPage(target, answer.status, answer.body, settings);
  };
}
