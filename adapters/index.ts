/**
 * The registry of source adapter kinds. A deployment file names an adapter by kind; adding a
 * kind means adding its folder and one line here.
 */
import type { SourceAdapter } from './contract.ts';
import { fileDropAdapter } from './file-drop/index.ts';
import { restJsonAdapter } from './rest-json/index.ts';
import { soapXmlAdapter } from './soap-xml/index.ts';
import { sqlAdapter } from './sql/index.ts';

/** Every adapter by kind. */
export const ADAPTERS: Readonly<Record<string, SourceAdapter<unknown>>> = {
  [restJsonAdapter.kind]: restJsonAdapter,
  [sqlAdapter.kind]: sqlAdapter,
  [soapXmlAdapter.kind]: soapXmlAdapter,
  [fileDropAdapter.kind]: fileDropAdapter,
};

/** Config schemas by kind, for the deployment-file loader. */
export const ADAPTER_SCHEMAS = Object.fromEntries(
  Object.entries(ADAPTERS).map(([k, a]) => [k, a.configSchema]),
);

/** The adapter of a kind; throws when the kind is unknown (the config loader checks this first). */
export function adapterFor(kind: string): SourceAdapter<unknown> {
  const adapter = ADAPTERS[kind];
  if (adapter === undefined) throw new Error(`Unknown adapter kind "${kind}"`);
  return adapter;
}
