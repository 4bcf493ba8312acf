/**
 * The sources console over PostgreSQL (SourcesConsole): lists deployment-file and console
 * sources together, creates and edits console sources (checked field by field, secrets sealed
 * before they reach the database, optimistic lock on the version), and runs the IT workflow
 * (test, preview, cursor) on any source. Every change is audited with the actor; audit details
 * carry setting paths and secret names, never values.
 */
import path from 'node:path';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Cursor, SourceAdapter } from '../../adapters/contract.ts';
import { DEFAULT_DROP_ROOT } from '../config/settings.ts';
import { HubError } from '../lib/errors.ts';
import { loadMappingFile } from '../mapping/index.ts';
import { appendAudit } from '../store/audit-repo.ts';
import { getCursor } from '../store/cursor-repo.ts';
import {
  getDefinition,
  sourceIdsInUse,
  type DefinitionFields,
} from '../store/source-definitions-repo.ts';
import { listSecrets, secretNamesBySource } from '../store/source-secrets-repo.ts';
import type { MappingPreview } from '../workflow/preview-mapping.ts';
import { previewMapping, resetCursor, type SourceTestReport } from '../workflow/index.ts';
import type {
  AdapterKindInfo,
  ConsoleActor,
  ConsoleSourceView,
  SaveResult,
  SourceDraft,
  SourcesConsole,
} from './console-contract.ts';
import { assertCursor, replaceCursor } from './console-cursor.ts';
import { auditEntry, insertSource, updateSource } from './console-save.ts';
import { toView } from './console-views.ts';
import { listMappingFiles } from './paths.ts';
import { part, problemOf } from './problem-text.ts';
import type { SourceRegistry } from './registry.ts';
import type { RuntimeSource } from './runtime-source.ts';
import type { SecretStore } from './secret-store.ts';
import { adapterOf, runSourceTest, withAbort } from './source-test.ts';
import { applicableSecrets, checkDraft, type DraftContext } from './validate-draft.ts';

/** What the console service needs. */
export interface ConsoleServiceDeps {
  readonly pool: pg.Pool;
  readonly registry: SourceRegistry;
  readonly secrets: SecretStore;
  readonly adapters: Readonly<Record<string, SourceAdapter<unknown>>>;
  /** Project root: mappings/ is read from here. */
  readonly root: string;
  /** The deployment file, named when someone tries to edit one of its sources. */
  readonly configFile: string;
  /**
   * The folder console file-drop sources must keep their folders in (KNTC_DROP_ROOT); default
   * data/inbox under the working directory.
   */
  readonly dropRoot?: string | undefined;
  readonly log: Logger;
}

/** Creates the sources console service. */
export function createSourcesConsole(deps: ConsoleServiceDeps): SourcesConsole {
  return new ConsoleService(deps);
}

class ConsoleService implements SourcesConsole {
  readonly #d: ConsoleServiceDeps;

  constructor(deps: ConsoleServiceDeps) {
    this.#d = deps;
  }

  adapterKinds(): readonly AdapterKindInfo[] {
    return Object.values(this.#d.adapters)
      .map((a) => ({ kind: a.kind, configSchema: a.configSchema }))
      .sort((a, b) => a.kind.localeCompare(b.kind));
  }

  mappingFiles(): Promise<readonly string[]> {
    return listMappingFiles(this.#d.root);
  }

  async get(id: string): Promise<ConsoleSourceView | null> {
    const s = await this.#d.registry.get(id);
    if (s === null) return null;
    const stored = s.origin === 'console' ? await this.#storedNames(id) : new Set<string>();
    return this.#view(s, stored);
  }

  async list(): Promise<readonly ConsoleSourceView[]> {
    const [sources, stored] = await Promise.all([
      this.#d.registry.list(),
      secretNamesBySource(this.#d.pool),
    ]);
    return sources.map((s) => this.#view(s, stored.get(s.id) ?? new Set()));
  }

  async create(draft: SourceDraft, actor: ConsoleActor): Promise<SaveResult> {
    const check = await checkDraft(draft, await this.#context(null, new Set()));
    if (!check.ok) return { ok: false, problems: check.problems };
    if (!(await insertSource(this.#d, check.draft, actor))) {
      return { ok: false, problems: [problemOf('id', part('idTaken', { id: draft.id }))] };
    }
    return this.#saved(check.draft.fields);
  }

  async update(
    id: string,
    draft: SourceDraft,
    expectedVersion: number,
    actor: ConsoleActor,
  ): Promise<SaveResult> {
    if (this.#d.registry.fileSourceIds.has(id)) {
      const readOnly = part('idReadOnly', { id, file: this.#d.configFile });
      return { ok: false, problems: [problemOf('id', readOnly)] };
    }
    const before = await getDefinition(this.#d.pool, id);
    if (before === null) throw unknownSource(id);
    if (before.version !== expectedVersion) return stale(before.version, expectedVersion);
    const stored = applicableSecrets(await this.#storedNames(id), before.config, draft.config);
    const check = await checkDraft(draft, await this.#context(id, stored));
    if (!check.ok) return { ok: false, problems: check.problems };
    if (!(await updateSource(this.#d, before, check.draft, expectedVersion, actor))) {
      const now = await getDefinition(this.#d.pool, id);
      return stale(now?.version ?? expectedVersion + 1, expectedVersion);
    }
    return this.#saved(check.draft.fields);
  }

  async test(id: string, signal: AbortSignal): Promise<SourceTestReport> {
    const known = await this.#known(id);
    return runSourceTest(this.#d.registry, known, this.#d.adapters, this.#d.log, signal);
  }

  async preview(id: string, limit: number, signal: AbortSignal): Promise<MappingPreview> {
    await this.#known(id);
    const source = await this.#d.registry.resolve(id);
    const adapterFor = (kind: string): SourceAdapter<unknown> => adapterOf(this.#d.adapters, kind);
    return withAbort(
      previewMapping(
        { adapterFor, log: this.#d.log, readCursor: (sid) => getCursor(this.#d.pool, sid) },
        source,
        { limit, from: 'start' },
      ),
      signal,
    );
  }

  async cursor(id: string, actor: ConsoleActor): Promise<Cursor | null> {
    await this.#known(id);
    const cursor = await getCursor(this.#d.pool, id);
    await appendAudit(this.#d.pool, auditEntry(actor, 'source.cursor-viewed', id, {}));
    return cursor;
  }

  async setCursor(id: string, cursor: Cursor | null, actor: ConsoleActor): Promise<void> {
    await this.#known(id);
    let previous: Cursor | null;
    if (cursor === null) previous = (await resetCursor(this.#d.pool, id)).previous?.cursor ?? null;
    else {
      assertCursor(cursor);
      previous = (await replaceCursor(this.#d.pool, id, cursor)).previous;
    }
    await appendAudit(
      this.#d.pool,
      auditEntry(actor, 'source.cursor-changed', id, {
        from: cursorText(previous),
        to: cursorText(cursor),
      }),
    );
  }

  async #known(id: string): Promise<RuntimeSource> {
    const s = await this.#d.registry.get(id);
    if (s === null) throw unknownSource(id);
    return s;
  }

  async #storedNames(id: string): Promise<Set<string>> {
    return new Set((await listSecrets(this.#d.pool, id)).map((s) => s.name));
  }

  #view(s: RuntimeSource, stored: ReadonlySet<string>): ConsoleSourceView {
    const schema = this.#d.adapters[s.adapter]?.configSchema;
    if (s.origin === 'console') return toView(s, schema, (n) => stored.has(n));
    const file = this.#d.registry.fileSource(s.id);
    return toView(s, schema, (n) => file?.secrets[n] !== undefined);
  }

  async #context(
    editing: string | null,
    storedSecrets: ReadonlySet<string>,
  ): Promise<DraftContext> {
    const all = await this.#d.registry.list();
    return {
      adapterSchemas: Object.fromEntries(
        Object.values(this.#d.adapters).map((a) => [a.kind, a.configSchema]),
      ),
      mappingFiles: await listMappingFiles(this.#d.root),
      loadMapping: (rel) => loadMappingFile(path.resolve(this.#d.root, rel)),
      fileSourceIds: this.#d.registry.fileSourceIds,
      consoleSourceIds: new Set(all.filter((s) => s.origin === 'console').map((s) => s.id)),
      usedSourceIds: await sourceIdsInUse(this.#d.pool),
      editing,
      storedSecrets,
      canStoreSecrets: this.#d.secrets.canStore,
      envSecret: (name) => this.#d.secrets.envValue(name),
      dropRoot: path.resolve(this.#d.dropRoot ?? DEFAULT_DROP_ROOT),
    };
  }

  async #saved(fields: DefinitionFields): Promise<SaveResult> {
    this.#d.registry.invalidate();
    const view = await this.get(fields.id);
    if (view === null)
      throw new HubError('KNTC_INTERNAL', `Source "${fields.id}" vanished after saving.`);
    return { ok: true, source: view };
  }
}

function stale(current: number, expected: number): SaveResult {
  return { ok: false, problems: [problemOf('id', part('stale', { current, expected }))] };
}

function cursorText(cursor: Cursor | null): string | null {
  return cursor === null ? null : JSON.stringify(cursor).slice(0, 2000);
}

function unknownSource(id: string): HubError {
  return new HubError('KNTC_SOURCE_UNKNOWN', `No source "${id}".`, { details: { sourceId: id } });
}
