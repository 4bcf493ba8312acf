/**
 * The sources a running hub knows: those of the deployment file (fixed for the process's life)
 * merged with those defined in the sources console (re-read when the definitions table's
 * fingerprint changes, checked at most every `maxAgeMs`). Workers resolve a source at job time,
 * so a console source is pulled without a restart; its mapping is compiled on first use and
 * cached by path, definition version and file time. A console source whose id the deployment file
 * also uses is ignored (the file wins) with a warning.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import { secretEnvNames, type ResolvedSource } from '../config/load-config.ts';
import { HubError } from '../lib/errors.ts';
import { loadMappingFile, type CompiledMapping } from '../mapping/index.ts';
import {
  definitionsFingerprint,
  listDefinitions,
  type SourceDefinition,
} from '../store/source-definitions-repo.ts';
import { upsertSources } from '../store/sources-repo.ts';
import type { SourceOrigin } from './console-contract.ts';
import type { SecretStore } from './secret-store.ts';

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

/** What the registry needs. */
export interface RegistryDeps {
  readonly pool: pg.Pool;
  readonly fileSources: readonly ResolvedSource[];
  /** Project root, against which mapping paths are resolved. */
  readonly root: string;
  readonly secrets: SecretStore;
  readonly log: Logger;
  /** How stale the console sources may be before a read checks the database (default 1 s). */
  readonly maxAgeMs?: number;
  readonly loadMapping?: (file: string) => Promise<CompiledMapping>;
}

/** Deployment-file and console sources, kept current. */
export class SourceRegistry {
  /** Cron expression of every scheduled source, updated in place on each change. */
  readonly schedules = new Map<string, string>();
  readonly #deps: RegistryDeps;
  readonly #file: ReadonlyMap<string, ResolvedSource>;
  #console = new Map<string, RuntimeSource>();
  #fingerprint: string | null = null;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #inflight: Promise<void> | null = null;
  readonly #mappings = new Map<string, Promise<CompiledMapping>>();

  constructor(deps: RegistryDeps) {
    this.#deps = deps;
    this.#file = new Map(deps.fileSources.map((s) => [s.id, s]));
    this.#rebuildSchedules();
  }

  /** Ids of the deployment file's sources. */
  get fileSourceIds(): ReadonlySet<string> {
    return new Set(this.#file.keys());
  }

  /** A deployment-file source with its resolved secrets, or undefined. */
  fileSource(id: string): ResolvedSource | undefined {
    return this.#file.get(id);
  }

  /** Makes the next read check the database at once (after a change made in this process). */
  invalidate(): void {
    this.#checkedAt = Number.NEGATIVE_INFINITY;
  }

  /** Re-reads the console sources if they changed and the last check is older than `maxAgeMs`. */
  async refresh(maxAgeMs = this.#deps.maxAgeMs ?? 1000): Promise<void> {
    if (Date.now() - this.#checkedAt < maxAgeMs) return;
    this.#inflight ??= this.#reload().finally(() => {
      this.#inflight = null;
    });
    await this.#inflight;
  }

  /** Every source, deployment file first, then console sources, each ordered by id. */
  async list(): Promise<RuntimeSource[]> {
    await this.refresh();
    const file = [...this.#file.values()].map(fromFile);
    return [...file, ...[...this.#console.values()].sort((a, b) => a.id.localeCompare(b.id))];
  }

  /** One source, or null. */
  async get(id: string): Promise<RuntimeSource | null> {
    await this.refresh();
    const file = this.#file.get(id);
    return file === undefined ? (this.#console.get(id) ?? null) : fromFile(file);
  }

  /** The source with its secrets, ready to pull; throws KNTC_SOURCE_UNKNOWN or a secret's error. */
  async resolve(id: string): Promise<ResolvedSource> {
    const file = this.#file.get(id);
    if (file !== undefined) return file;
    const s = await this.get(id);
    if (s === null) throw this.unknownError(id);
    const secrets = await this.#deps.secrets.resolve(id, secretEnvNames(s.config));
    // syncSource and the workflow never read `schedule`: '' stands for "on demand only".
    return { ...s, schedule: s.schedule ?? '', secrets };
  }

  /** The compiled mapping of a source: cached by path (+ version and file time for console ones). */
  async mappingFor(source: Pick<RuntimeSource, 'id' | 'mappingPath'>): Promise<CompiledMapping> {
    const file = this.#file.has(source.id);
    const known = file ? null : await this.get(source.id);
    const mtime = file ? 0 : ((await stat(source.mappingPath).catch(() => null))?.mtimeMs ?? 0);
    const key = `${source.mappingPath}\u0000${known?.version ?? 0}\u0000${mtime}`;
    let m = this.#mappings.get(key);
    if (m === undefined) {
      m = (this.#deps.loadMapping ?? loadMappingFile)(source.mappingPath);
      this.#mappings.set(key, m);
      void m.catch(() => this.#mappings.delete(key));
    }
    return m;
  }

  /** Compiles every deployment-file source's mapping now, failing on the first broken file. */
  async preloadFileMappings(): Promise<void> {
    await Promise.all([...this.#file.values()].map((s) => this.mappingFor(s)));
  }

  async #reload(): Promise<void> {
    const fp = await definitionsFingerprint(this.#deps.pool);
    if (fp !== this.#fingerprint) {
      const defs = await listDefinitions(this.#deps.pool);
      const next = new Map<string, RuntimeSource>();
      for (const d of defs) {
        if (this.#file.has(d.id)) {
          this.#deps.log.warn(
            { sourceId: d.id },
            'a console source has the id of a deployment-file source: the deployment file wins',
          );
        } else next.set(d.id, this.#fromDefinition(d));
      }
      await upsertSources(
        this.#deps.pool,
        [...next.values()].map((s) => ({
          id: s.id,
          name: s.name,
          kind: s.adapter,
          enabled: s.enabled,
        })),
      );
      this.#console = next;
      this.#fingerprint = fp;
      this.#rebuildSchedules();
    }
    this.#checkedAt = Date.now();
  }

  #fromDefinition(d: SourceDefinition): RuntimeSource {
    return {
      id: d.id,
      name: d.name,
      adapter: d.adapter,
      mapping: d.mapping,
      mappingPath: path.resolve(this.#deps.root, d.mapping),
      schedule: d.schedule,
      enabled: d.enabled,
      config: d.config,
      origin: 'console',
      version: d.version,
      updatedAt: d.updatedAt,
      updatedBy: d.updatedBy,
    };
  }

  #rebuildSchedules(): void {
    this.schedules.clear();
    for (const s of this.#file.values()) this.schedules.set(s.id, s.schedule);
    for (const s of this.#console.values())
      if (s.schedule !== null) this.schedules.set(s.id, s.schedule);
  }

  /** KNTC_SOURCE_UNKNOWN for `id`, listing the known sources. */
  unknownError(id: string): HubError {
    const known = [...this.#file.keys(), ...this.#console.keys()];
    return new HubError(
      'KNTC_SOURCE_UNKNOWN',
      `No source "${id}" in the deployment file or the sources console (known: ${known.join(', ') || 'none'})`,
      { details: { sourceId: id } },
    );
  }
}

/** A deployment-file source as a RuntimeSource. */
function fromFile(s: ResolvedSource): RuntimeSource {
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

/**
 * Re-reads the console sources every `everyMs`, so `schedules` stays current in a process that
 * runs no scheduler (the dashboard's "next run"); returns a stop function that waits for a pass.
 */
export function keepFresh(
  registry: SourceRegistry,
  everyMs: number,
  log: Logger,
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= registry
      .refresh(0)
      .catch((err: unknown) =>
        log.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'could not re-read the console sources; keeping the current list',
        ),
      )
      .finally(() => {
        running = null;
      });
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
