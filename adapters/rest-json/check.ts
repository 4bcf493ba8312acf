/**
 * The cheap probe of a rest-json source: the check endpoint answers 2xx with the configured
 * credentials, and the list endpoint answers one record in the configured shape. Any failure
 * is a HubError saying which of the two calls failed and why.
 */
import type { AdapterContext } from '../contract.ts';
import type { RestJsonConfig } from './config-schema.ts';
import { createSourceHttp } from './http-client.ts';
import { readPage } from './page.ts';
import type { RestJsonSettings } from './settings.ts';

/** Probes reachability, auth and the list payload's shape; resolves when all is well. */
export async function checkSource(
  ctx: AdapterContext<RestJsonConfig>,
  settings: RestJsonSettings,
): Promise<void> {
  const http = createSourceHttp(ctx, settings);
  await http.getText(settings.checkPath, {});
  const { params, listPath } = settings;
  const answer = await http.getJson(listPath, { [params.page]: 1, [params.pageSize]: 1 });
  const page = readPage(
    { sourceId: ctx.sourceId, path: listPath },
    answer.status,
    answer.body,
    settings,
  );
  ctx.log.info({ path: listPath, sample: page.records.length }, 'source check passed');
}
