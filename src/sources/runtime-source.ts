/**
 * A source as a running hub knows it, whichever file or table defined it, and the plain
 * conversions between that and the pipeline's ResolvedSource.
 */
import type { ResolvedSource } from '../config/load-config.ts';
import type { SourceOrigin } from './console-contract.ts';

/** A source as the running hub knows it (secrets not resolved). */
export interface RuntimeSource {
  readonly id: string;
  readonly name: string;
  readonly adapter: string;
  /** Relative to the project root (mappings/x.yaml). */
  readonly mapping: string;
  readonly mappingPath: string;
  /** Cron expression, or null: pulled only on demand. */
  readonly schedule: string | null;
  readonly enabled: boolean;
  readonly config: Readonly<Record<string, unknown>>;
  readonly origin: SourceOrigin;
  /** Definition version; 0 for deployment-file sources. */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/**
 * A source as the pipeline takes it, without its secrets: for what never calls the source
 * (a cursor, a replay of stored records) or cannot open them.
 */
export function withoutSecrets(s: RuntimeSource): ResolvedSource {
  // syncSource and the workflow never read `schedule`: '' stands for "on demand only".
  return { ...s, schedule: s.schedule ?? '', secrets: {} };
}

/** A deployment-file source as a RuntimeSource. */
export function fromFile(s: ResolvedSource): RuntimeSource {
  return {
    id: s.id,
    name: s.name,
    adapter: s.adapter,
    mapping: s.mapping,
    mappingPath: s.mappingPath,
    schedule: s.schedule,
    enabled: s.enabled,
    config: s.config,
    origin: 'config-file',
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}
