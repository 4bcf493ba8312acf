/**
 * The config with every default filled in and the cross-field rules a JSON Schema cannot say
 * readably: SOAP needs `soapAction` and `body`, xml-get needs `query`, keyset needs {{afterId}}.
 */
import { HubError } from '../../src/lib/errors.ts';
import { resolvePaging, type PagingSettings } from '../shared/paging-config.ts';
import { SOAP_XML_DEFAULTS, type SoapXmlConfig } from './config-schema.ts';

/** A soap-xml config with its defaulted fields present. */
export type SoapXmlSettings = SoapXmlConfig &
  PagingSettings & {
    readonly keyset: boolean;
    readonly maxDocumentBytes: number;
    readonly maxFieldBytes: number;
  };

function problems(config: SoapXmlConfig): string[] {
  const out: string[] = [];
  const soap = config.protocol !== 'xml-get';
  if (soap && config.soapAction === undefined) out.push(`${config.protocol} needs soapAction`);
  if (soap && config.body === undefined)
    out.push(`${config.protocol} needs body (the request template)`);
  if (!soap && config.query === undefined) out.push('xml-get needs query (the query template)');
  const template = soap ? (config.body ?? '') : Object.values(config.query ?? {}).join(' ');
  if (config.keyset === true && !template.includes('{{afterId}}')) {
    out.push('keyset: true needs an {{afterId}} placeholder in the request');
  }
  if (!template.includes('{{modifiedSince}}')) {
    out.push('the request needs a {{modifiedSince}} placeholder (incremental pulls)');
  }
  return out;
}

/** Fills the defaults; throws KNTC_CONFIG_INVALID listing every cross-field problem. */
export function resolveSettings(sourceId: string, config: SoapXmlConfig): SoapXmlSettings {
  const found = problems(config);
  if (found.length > 0) {
    throw new HubError('KNTC_CONFIG_INVALID', `source "${sourceId}": ${found.join('; ')}`, {
      details: { sourceId },
    });
  }
  const d = SOAP_XML_DEFAULTS;
  return {
    ...config,
    ...resolvePaging(config, d),
    keyset: config.keyset ?? d.keyset,
    maxDocumentBytes: config.maxDocumentBytes ?? d.maxDocumentBytes,
    maxFieldBytes: config.maxFieldBytes ?? d.maxFieldBytes,
  };
}
