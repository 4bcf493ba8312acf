/**
 * The sources a running hub knows: those of the deployment file (fixed for the process's life)
 * merged with those defined in the sources console (re-read when the definitions table's
 * fingerprint changes, checked at most every `maxAgeMs`). Workers resolve a source at job time,
 * so a console source is pulled without a restart; its mapping is compiled on first use and
 * cached per source (one entry each, replaced when the path, definition version or file time
 * changes). A console source whose id the deployment file also uses is ignored (the file wins)
 * with a warning. Reading never writes: the console registers a source in `sources` when it
 * saves it.
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
import { MAPPING_FILE_PATTERN } from './paths.ts';
import { fromFile, withoutSecrets, type RuntimeSource } from './runtime-source.ts';

import type { SecretStore } from './secret-store.ts';

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

/** A reload of the console sources, and the invalidate() generation it started in. */
interface Reload {
  readonly done: Promise<void>;
  readonly generation: number;
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
  /** Bumped by invalidate(): a reload started before the latest bump may have missed a change. */
  #generation = 0;
  #inflight: Reload | null = null;
  /** Compiled mapping per source id, with the path/version/file time it was compiled for. */
  readonly #mappings = new Map<
    string,
    { readonly key: string; readonly m: Promise<CompiledMapping> }
  >();

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

  /**
   * Makes the next read check the database at once (after a change made in this process); a read
   * after this call never returns what a reload started before it found.
   */
  invalidate(): void {
    this.#checkedAt = Number.NEGATIVE_INFINITY;
    this.#generation += 1;
  }

  /**
   * Re-reads the console sources if they changed and the last check is older than `maxAgeMs`.
   * Joins a reload already running, then reloads again if that one started before the latest
   * invalidate() (it may have read the table before the change was committed).
   */
  async refresh(maxAgeMs = this.#deps.maxAgeMs ?? 1000): Promise<void> {
    if (Date.now() - this.#checkedAt < maxAgeMs) return;
    const wanted = this.#generation;
    for (;;) {
      const run = this.#inflight ?? this.#startReload();
      await run.done;
      if (run.generation >= wanted) return;
    }
  }

  #startReload(): Reload {
    const generation = this.#generation;
    const done = this.#reload(generation).finally(() => {
      if (this.#inflight?.done === done) this.#inflight = null;
    });
    const run = { done, generation };
    this.#inflight = run;
    return run;
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
    return { ...withoutSecrets(s), secrets };
  }

  /**
   * The compiled mapping of a source, cached per source id: recompiled (replacing the entry) when
   * a console source's path, definition version or file time changed.
   */
  async mappingFor(source: Pick<RuntimeSource, 'id' | 'mappingPath'>): Promise<CompiledMapping> {
    const file = this.#file.has(source.id);
    const known = file ? null : await this.get(source.id);
    const mtime = file ? 0 : ((await stat(source.mappingPath).catch(() => null))?.mtimeMs ?? 0);
    const key = `${source.mappingPath}\u0000${known?.version ?? 0}\u0000${mtime}`;
    const cached = this.#mappings.get(source.id);
    if (cached?.key === key) return cached.m;
    const m = (this.#deps.loadMapping ?? loadMappingFile)(source.mappingPath);
    const entry = { key, m };
    this.#mappings.set(source.id, entry);
    void m.catch(() => {
      if (this.#mappings.get(source.id) === entry) this.#mappings.delete(source.id);
    });
    return m;
  }

  /** How many compiled mappings are cached (one per source at most). */
  get cachedMappings(): number {
    return this.#mappings.size;
  }

  /** Compiles every deployment-file source's mapping now, failing on the first broken file. */
  async preloadFileMappings(): Promise<void> {
    await Promise.all([...this.#file.values()].map((s) => this.mappingFor(s)));
  }

  async #reload(generation: number): Promise<void> {
    const fp = await definitionsFingerprint(this.#deps.pool);
    if (fp !== this.#fingerprint) {
      const defs = await listDefinitions(this.#deps.pool);
      const next = new Map<string, RuntimeSource>();
      for (const d of defs) {
        const s = this.#fromDefinition(d);
        if (s !== null) next.set(d.id, s);
      }
      this.#console = next;
      this.#fingerprint = fp;
      this.#rebuildSchedules();
      for (const id of this.#mappings.keys())
        if (!next.has(id) && !this.#file.has(id)) this.#mappings.delete(id);
    }
    // An invalidate() meanwhile keeps the list due for another look.
    if (generation === this.#generation) this.#checkedAt = Date.now();
  }

  /** A definition as a source, or null (with a warning) when it cannot be one. */
  #fromDefinition(d: SourceDefinition): RuntimeSource | null {
    if (this.#file.has(d.id)) {
      this.#deps.log.warn(
        { sourceId: d.id },
        'a console source has the id of a deployment-file source: the deployment file wins',
      );
      return null;
    }
    if (!MAPPING_FILE_PATTERN.test(d.mapping)) {
      this.#deps.log.warn(
        { sourceId: d.id, mapping: d.mapping },
        'a console source names a mapping file outside mappings/: it is left out until fixed',
      );
      return null;
    }
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
