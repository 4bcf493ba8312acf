/**
 * What the provincial IT workflow functions need, passed in explicitly so the CLI and the
 * dashboard call the same functions with their own wiring (and tests with fakes).
 */
import type { Logger } from 'pino';
import type { AdapterContext, SourceAdapter } from '../../adapters/contract.ts';
import type { ResolvedSource } from '../config/load-config.ts';

/** The adapter registry and a logger: enough to talk to a source without the database. */
export interface SourceDeps {
  readonly adapterFor: (kind: string) => SourceAdapter<unknown>;
  readonly log: Logger;
}

/** The part of a configured source the workflow reads. */
export type WorkflowSource = Pick<
  ResolvedSource,
  'id' | 'adapter' | 'config' | 'secrets' | 'mappingPath'
>;

/** The adapter context of one workflow call on `source`. */
export function adapterContext(
  source: WorkflowSource,
  log: Logger,
  signal: AbortSignal,
): AdapterContext<unknown> {
  return {
    sourceId: source.id,
    config: source.config,
    secrets: source.secrets,
    log: log.child({ sourceId: source.id }),
    signal,
  };
}
