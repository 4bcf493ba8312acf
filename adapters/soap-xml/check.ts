/**
 * The cheap probe of a soap-xml source: one request for one record from the start, which
 * exercises DNS, the connection, TLS, the credentials (HTTP Basic or WS-Security), the SOAP
 * action and the answer's shape at once. Each failure is the HubError of that call: a DNS or
 * refused connection, a TLS error, 401/403, a SOAP fault, or an answer without the records path.
 */
import type { AdapterContext } from '../contract.ts';
import type { SoapXmlConfig } from './config-schema.ts';
import { fetchPage } from './pull.ts';
import type { SoapXmlSettings } from './settings.ts';

/** Probes reachability, auth and the answer's shape; resolves when all is well. */
export async function checkSource(
  ctx: AdapterContext<SoapXmlConfig>,
  settings: SoapXmlSettings,
): Promise<void> {
  const page = await fetchPage(ctx, settings, null, 1, 1);
  ctx.log.info({ protocol: settings.protocol, sample: page.records.length }, 'source check passed');
}
