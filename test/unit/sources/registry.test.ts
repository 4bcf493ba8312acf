// The source registry over a fake pool whose queries answer from the table as it was when they
// were sent, and can be held: a save committed while a reload is reading, then invalidate() and
// get(), must see the saved source; a definition naming a mapping outside mappings/ is left out;
// one compiled mapping is cached per source; and reading never writes.
import type pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { CompiledMapping } from '../../../src/mapping/index.ts';
import { SourceRegistry } from '../../../src/sources/registry.ts';
import { SecretStore } from '../../../src/sources/secret-store.ts';

interface Def {
  id: string;
  mapping: string;
  version: number;
}

/** A pool answering the registry's two queries from `defs`; `hold()` keeps the next one asked. */
class FakePool {
  defs: Def[] = [];
  readonly sent: string[] = [];
  #held: { release: () => void } | null = null;
  #holdNext: 'fingerprint' | 'list' | null = null;

  /** Holds the next query of that kind (answered with the table as it was when sent). */
  hold(which: 'fingerprint' | 'list'): void {
    this.#holdNext = which;
  }

  release(): void {
    this.#held?.release();
    this.#held = null;
  }

  async query(sql: string): Promise<{ rows: unknown[] }> {
    this.sent.push(sql);
    const snapshot = this.defs.map((d) => ({ ...d }));
    const kind = sql.includes('AS fp') ? 'fingerprint' : 'list';
    if (kind === 'list' && !sql.includes('FROM source_definitions'))
      throw new Error(`unexpected query: ${sql}`);
    if (this.#holdNext === kind) {
      this.#holdNext = null;
      await new Promise<void>((resolve) => {
        this.#held = { release: resolve };
      });
    }
    if (kind === 'list') return { rows: snapshot.map(row) };
    const fp = `${snapshot.length}:${snapshot.reduce((n, d) => n + d.version, 0)}`;
    return { rows: [{ fp }] };
  }
}

function row(d: Def) {
  const at = new Date('2026-02-01T00:00:00Z');
  return {
    id: d.id,
    name: `Nguồn ${d.id}`,
    adapter: 'rest-json',
    mapping: d.mapping,
    schedule: null,
    enabled: true,
    config: {},
    version: d.version,
    created_at: at,
    created_by: 'admin',
    updated_at: at,
    updated_by: 'admin',
  };
}

function registryOver(pool: FakePool, loads: string[] = []): SourceRegistry {
  const asPool = pool as unknown as pg.Pool;
  return new SourceRegistry({
    pool: asPool,
    fileSources: [],
    root: '/srv/kntc',
    secrets: new SecretStore(asPool, null),
    log: pino({ level: 'silent' }),
    maxAgeMs: 60_000,
    loadMapping: (file) => {
      loads.push(file);
      return Promise.resolve({} as CompiledMapping);
    },
  });
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('SourceRegistry', () => {
  it('never answers from a reload that started before the latest invalidate()', async () => {
    const pool = new FakePool();
    const registry = registryOver(pool);
    pool.hold('list');
    const early = registry.refresh(0); // reads the table before the save commits
    await tick();
    pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version: 1 }];
    registry.invalidate(); // the save committed
    const after = registry.get('phuong-a');
    pool.release();
    await early;
    expect((await after)?.version).toBe(1);
    // And the next read, within maxAgeMs, still sees it (the early reload did not mark it fresh).
    expect((await registry.get('phuong-a'))?.id).toBe('phuong-a');
  });

  it('shows an edit made in this process at once, with its new version', async () => {
    const pool = new FakePool();
    pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version: 1 }];
    const registry = registryOver(pool);
    expect((await registry.get('phuong-a'))?.version).toBe(1);
    pool.hold('fingerprint');
    registry.invalidate();
    const stale = registry.get('phuong-a');
    await tick();
    pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version: 2 }];
    registry.invalidate();
    const fresh = registry.get('phuong-a');
    pool.release();
    await stale;
    expect((await fresh)?.version).toBe(2);
  });

  it('leaves out a definition whose mapping is not a file directly under mappings/', async () => {
    const pool = new FakePool();
    pool.defs = [
      { id: 'phuong-a', mapping: 'mappings/../config/hub.yaml', version: 1 },
      { id: 'phuong-b', mapping: 'mappings/quynhon-web.yaml', version: 1 },
    ];
    const registry = registryOver(pool);
    expect((await registry.list()).map((s) => s.id)).toEqual(['phuong-b']);
    expect(await registry.get('phuong-a')).toBeNull();
  });

  it('keeps one compiled mapping per source, replaced on a new version, dropped with the source', async () => {
    const pool = new FakePool();
    const loads: string[] = [];
    pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version: 1 }];
    const registry = registryOver(pool, loads);
    const source = { id: 'phuong-a', mappingPath: '/srv/kntc/mappings/quynhon-web.yaml' };
    await registry.mappingFor(source);
    await registry.mappingFor(source);
    expect(loads).toHaveLength(1);
    for (const version of [2, 3, 4]) {
      pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version }];
      registry.invalidate();
      await registry.mappingFor(source);
    }
    expect(loads).toHaveLength(4);
    expect(registry.cachedMappings).toBe(1);
    pool.defs = [];
    registry.invalidate();
    await registry.refresh();
    expect(registry.cachedMappings).toBe(0);
  });

  it('only reads: no INSERT or UPDATE (the console registers a source when it saves it)', async () => {
    const pool = new FakePool();
    pool.defs = [{ id: 'phuong-a', mapping: 'mappings/quynhon-web.yaml', version: 1 }];
    const registry = registryOver(pool);
    await registry.list();
    registry.invalidate();
    await registry.get('phuong-a');
    expect(pool.sent.filter((q) => !/^\s*SELECT/i.test(q))).toEqual([]);
  });
});
