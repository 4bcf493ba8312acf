/**
 * The soap-xml source adapter: pulls records from a local system's XML web service (SOAP 1.1,
 * SOAP 1.2 or plain XML over GET), incrementally by a (modified, id) cursor, refusing DTDs and
 * bounding sizes before parsing. It only fetches. See README.md.
 */
import type { SourceAdapter } from '../contract.ts';
import { checkSource } from './check.ts';
import { soapXmlConfigSchema, type SoapXmlConfig } from './config-schema.ts';
import { pullRecords } from './pull.ts';
import { resolveSettings } from './settings.ts';

export type { SoapXmlAuth, SoapXmlConfig } from './config-schema.ts';
export { SOAP_XML_DEFAULTS, soapXmlConfigSchema } from './config-schema.ts';
export { passwordDigest } from './wsse.ts';

/** The soap-xml adapter (kind "soap-xml"). */
export const soapXmlAdapter: SourceAdapter<SoapXmlConfig> = {
  kind: 'soap-xml',
  configSchema: soapXmlConfigSchema,
  // Async, so a config problem rejects the promise / the first next() instead of throwing.
  check: async (ctx) => checkSource(ctx, resolveSettings(ctx.sourceId, ctx.config)),
  pull: async function* (ctx, from) {
    yield* pullRecords(ctx, resolveSettings(ctx.sourceId, ctx.config), from);
  },
};
