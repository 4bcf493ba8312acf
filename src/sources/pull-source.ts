/**
 * The pull job's processor over the source registry: the source is looked up when the job runs
 * (a console source created a second ago is pulled without a restart), with its secrets and its
 * mapping. A source that cannot be prepared (its secret cannot be decrypted, its mapping does not
 * load) still gets a run, failed with that error at its start, so the run list shows why.
 */
import type { SourceAdapter } from '../../adapters/contract.ts';
import type { ResolvedSource } from '../config/load-config.ts';
import { HubError, toHubError } from '../lib/errors.ts';
import type { CompiledMapping } from '../mapping/index.ts';
import { syncSource, type SyncDeps, type SyncOutcome } from '../pipeline/sync-source.ts';
import type { PullJobData } from '../queue/names.ts';
import type { SourceRegistry } from './registry.ts';
import { withoutSecrets } from './runtime-source.ts';

/** syncSource bound to the registry: what createPullWorker runs for each job. */
export function registryPuller(
  registry: SourceRegistry,
  deps: Omit<SyncDeps, 'mappingFor'>,
): (data: PullJobData, signal: AbortSignal) => Promise<SyncOutcome> {
  return async (data, signal) => {
    const { source, mapping, failure } = await prepare(registry, data.sourceId);
    const runDeps: SyncDeps = {
      ...deps,
      adapterFor: (kind: string): SourceAdapter<unknown> => {
        if (failure !== null) throw failure;
        return deps.adapterFor(kind);
      },
      mappingFor: () => {
        if (mapping === null) throw failure ?? new HubError('KNTC_INTERNAL', 'mapping missing');
        return mapping;
      },
    };
    return syncSource(runDeps, source, data.trigger, signal);
  };
}

interface Prepared {
  readonly source: ResolvedSource;
  readonly mapping: CompiledMapping | null;
  readonly failure: HubError | null;
}

async function prepare(registry: SourceRegistry, id: string): Promise<Prepared> {
  let known = await registry.get(id);
  if (known === null) {
    // Created in another process within the registry's freshness window: look again now.
    registry.invalidate();
    known = await registry.get(id);
  }
  if (known === null) throw registry.unknownError(id);
  let failure: HubError | null = null;
  let source: ResolvedSource;
  try {
    source = await registry.resolve(id);
  } catch (err) {
    failure = toHubError(err);
    source = withoutSecrets(known);
  }
  let mapping: CompiledMapping | null = null;
  try {
    mapping = await registry.mappingFor(known);
  } catch (err) {
    failure ??= toHubError(err);
  }
  return { source, mapping, failure };
}
