// The provincial IT workflow against the Quy Nhơn simulator and a real PostgreSQL schema: test a
// source, preview its mapping, and replay stored records after a mapping fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor } from '../../adapters/index.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { syncSource } from '../../src/pipeline/sync-source.ts';
import { getCursor } from '../../src/store/index.ts';
import { withSourceLock } from '../../src/store/source-lock.ts';
import type { QuyNhonSimulator } from '../../src/simulators/quynhon/index.ts';
import {
  previewMapping,
  replay,
  resetCursor,
  showCursor,
  testSource,
} from '../../src/workflow/index.ts';
import type { TestSchema } from '../helpers/pg.ts';
import {
  quynhonSource,
  registeredSchema,
  silent,
  startSimulator,
  writeFixedMapping,
} from './workflow-fixtures.ts';

let sim: QuyNhonSimulator;
let url: string;
let db: TestSchema;

beforeAll(async () => {
  ({ sim, url } = await startSimulator(80));
  db = await registeredSchema();
});
afterAll(async () => {
  await sim.close();
  await db.drop();
});

const count = async (sql: string): Promise<number> =>
  Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n ?? -1);

describe('testSource', () => {
  it('passes on the simulator, with the sample mapped and the bad codes grouped', async () => {
    const report = await testSource({ adapterFor, log: silent }, quynhonSource(url));
    expect(report.failedStep).toBeNull();
    expect(report.steps.map((s) => s.step)).toEqual([
      'check',
      'sample-page',
      'mapping-file',
      'sample-mapping',
    ]);
    expect(report.sample?.length).toBe(20);
    const kinds = report.errorGroups.filter((g) => g.field === 'kind');
    for (const g of kinds) expect(g.code).toBe('KNTC_RECORD_UNKNOWN_CODE');
  });

  it('names the credentials when the key is wrong, and skips the page', async () => {
    const report = await testSource({ adapterFor, log: silent }, quynhonSource(url, 'wrong'));
    expect(report.ok).toBe(false);
    expect(report.failedStep).toBe('check');
    expect(report.steps[0]?.error).toMatchObject({ code: 'KNTC_SOURCE_AUTH', cause: 'auth' });
    expect(report.steps[1]?.status).toBe('skipped');
    expect(report.steps[2]?.status).toBe('ok');
  });

  it('says connection refused for a port where nothing listens', async () => {
    const report = await testSource(
      { adapterFor, log: silent },
      quynhonSource('http://127.0.0.1:9'),
    );
    expect(report.steps[0]?.error).toMatchObject({
      code: 'KNTC_SOURCE_UNREACHABLE',
      cause: 'refused',
      retryable: true,
    });
  });

  it('reports a broken mapping file as the failed step', async () => {
    const report = await testSource(
      { adapterFor, log: silent, loadMapping: () => loadMappingFile('/nonexistent/mapping.yaml') },
      quynhonSource(url),
    );
    expect(report.failedStep).toBe('mapping-file');
    expect(report.steps[2]?.error?.code).toBe('KNTC_MAPPING_INVALID');
  });
});

describe('previewMapping', () => {
  it('maps a few records next to their raw form and stores nothing', async () => {
    const preview = await previewMapping({ adapterFor, log: silent }, quynhonSource(url), {
      limit: 7,
    });
    expect(preview.records).toHaveLength(7);
    expect(preview.mapped + preview.rejected).toBe(7);
    for (const r of preview.records) {
      expect((r.raw as { maDon: string }).maDon).toBe(r.sourceRecordId);
      if (r.canonical !== null) expect(r.canonical.provenance.mappingVersion).toBe('1.0.0');
      else expect(r.errors.length).toBeGreaterThan(0);
    }
    expect(await count('SELECT count(*) AS n FROM raw_records')).toBe(0);
    expect(await getCursor(db.pool, 'quynhon-web')).toBeNull();
  });
});

describe('replay', () => {
  let original: CompiledMapping;
  let fixed: CompiledMapping;
  const queued: string[] = [];
  const deps = (mapping: () => CompiledMapping) => ({
    pool: db.pool,
    mappingFor: mapping,
    log: silent,
    onCommitted: (ids: readonly string[]) => {
      queued.push(...ids);
      return Promise.resolve();
    },
  });

  beforeAll(async () => {
    original = await loadMappingFile('mappings/quynhon-web.yaml');
    fixed = await loadMappingFile(await writeFixedMapping());
    const outcome = await syncSource(
      { ...deps(() => original), adapterFor },
      quynhonSource(url),
      'manual',
      new AbortController().signal,
    );
    expect(outcome.status).toBe('succeeded');
    queued.length = 0;
  });

  it('with the same mapping changes nothing', async () => {
    const before = await getCursor(db.pool, 'quynhon-web');
    const r = await replay(
      deps(() => original),
      'quynhon-web',
    );
    expect(r.status).toBe('succeeded');
    if (r.status !== 'succeeded') return;
    expect(r.counts).toMatchObject({ total: 80, done: 80, inserted: 0, updated: 0, queued: 0 });
    expect(r.counts.rejected).toBeGreaterThan(0);
    expect(queued).toEqual([]);
    expect(await getCursor(db.pool, 'quynhon-web')).toEqual(before);
    expect(
      await count(
        "SELECT count(*) AS n FROM sync_runs WHERE trigger = 'replay' AND pulled = 0 AND status = 'succeeded'",
      ),
    ).toBe(1);
  });

  it('after a mapping fix turns the rejected records into petitions with the new version', async () => {
    const rejected = await count(
      'SELECT count(DISTINCT source_record_id) AS n FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(rejected).toBeGreaterThan(0);
    const progress: number[] = [];
    const r = await replay(
      deps(() => fixed),
      'quynhon-web',
      {
        rejectedOnly: true,
        batchSize: 3,
        onProgress: (p) => progress.push(p.done),
      },
    );
    if (r.status !== 'succeeded') throw new Error('skipped');
    expect(r.mappingVersion).toBe('1.0.1');
    expect(r.counts).toMatchObject({
      total: rejected,
      done: rejected,
      inserted: rejected,
      rejected: 0,
    });
    expect(queued).toHaveLength(rejected);
    expect(progress.at(-1)).toBe(rejected);
    expect(progress.length).toBeGreaterThan(2);
    expect(
      await count('SELECT count(*) AS n FROM rejected_records WHERE resolved_at IS NULL'),
    ).toBe(0);
    expect(
      await count(
        "SELECT count(*) AS n FROM petitions WHERE mapping_version = '1.0.1' AND record->'provenance'->>'mappingVersion' = '1.0.1'",
      ),
    ).toBe(rejected);
  });

  it('twice changes nothing the second time', async () => {
    queued.length = 0;
    const first = await replay(
      deps(() => fixed),
      'quynhon-web',
    );
    if (first.status !== 'succeeded') throw new Error('skipped');
    // The records mapped by 1.0.0 now carry 1.0.1: rewritten once, as updates.
    expect(first.counts.updated).toBe(first.counts.total - first.counts.unchanged);
    queued.length = 0;
    const second = await replay(
      deps(() => fixed),
      'quynhon-web',
    );
    if (second.status !== 'succeeded') throw new Error('skipped');
    expect(second.counts).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 80,
      rejected: 0,
      queued: 0,
    });
    expect(queued).toEqual([]);
  });

  it('is skipped while a sync holds the source', async () => {
    const r = await withSourceLock(db.pool, 'quynhon-web', async () => {
      // withSourceLock is re-entrant per connection only; replay takes its own connection.
      return replay(
        deps(() => fixed),
        'quynhon-web',
      );
    });
    expect(r).toEqual({ status: 'skipped', reason: 'already-running' });
  });

  it('refuses after a cursor reset, pointing at a sync instead', async () => {
    expect(await showCursor(db.pool, 'quynhon-web')).not.toBeNull();
    const { previous } = await resetCursor(db.pool, 'quynhon-web');
    expect(previous?.cursor).toHaveProperty('modifiedSince');
    expect(await getCursor(db.pool, 'quynhon-web')).toBeNull();
    await expect(
      replay(
        deps(() => fixed),
        'quynhon-web',
      ),
    ).rejects.toMatchObject({ code: 'KNTC_CONFLICT' });
  });
});
