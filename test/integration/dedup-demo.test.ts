// The demo's sources synced the way the hub syncs them (syncSource with dedup run on each
// committed page, as src/app/hub.ts wires it), then the audit export: every stored record is
// listed with its case and person, and the matters the simulators planted in several sources
// (src/simulators/synth/shared-matters.ts) come out as one case and one person.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adapterFor } from '../../adapters/index.ts';
import type { ResolvedSource } from '../../src/config/load-config.ts';
import { foldKey } from '../../src/core/normalise/text.ts';
import { exportDedup, type ExportLine } from '../../src/dedup/export.ts';
import { DedupService, dedupAfterCommit } from '../../src/dedup/service.ts';
import { loadMappingFile, type CompiledMapping } from '../../src/mapping/index.ts';
import { syncSource } from '../../src/pipeline/sync-source.ts';
import { writeCommuneExports } from '../../src/simulators/commune-export/index.ts';
import { buildHanoiSimulator } from '../../src/simulators/hanoi/index.ts';
import { buildQuyNhonSimulator } from '../../src/simulators/quynhon/index.ts';
import {
  createSqlSourceSimulator,
  type SqlSourceSimulator,
} from '../../src/simulators/sql-source/index.ts';
import { sharedMatters } from '../../src/simulators/synth/index.ts';
import { upsertSources } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const root = path.resolve(import.meta.dirname, '../..');
const log = pino({ level: 'silent' });
const RECORDS = 300;
const NOW = new Date('2026-03-10T03:00:00Z');

type Closer = () => Promise<unknown>;

function source(
  id: string,
  adapter: string,
  mapping: string,
  config: Record<string, unknown>,
  secrets: Record<string, string> = {},
): ResolvedSource {
  return {
    id,
    name: id,
    adapter,
    mapping,
    mappingPath: path.join(root, mapping),
    schedule: '0 0 1 1 *',
    enabled: true,
    config,
    secrets,
  };
}

async function exported(db: TestSchema): Promise<ExportLine[]> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done): void {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  await exportDedup(db.pool, out);
  return chunks
    .join('')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportLine);
}

describe('demo sources → dedup → export', () => {
  let db: TestSchema;
  let district: SqlSourceSimulator;
  let inboxDir: string;
  const closers: Closer[] = [];
  const sources: ResolvedSource[] = [];

  beforeAll(async () => {
    db = await createTestSchema();
    const quynhon = buildQuyNhonSimulator({
      apiKey: 'k',
      seed: 2026,
      initialRecords: RECORDS,
      now: () => NOW,
    });
    const hanoi = buildHanoiSimulator({
      credentials: { username: 'kntc-hub', password: 'p' },
      seed: 2017,
      initialRecords: 100,
    });
    closers.push(
      () => quynhon.close(),
      () => hanoi.close(),
    );
    const quynhonUrl = await quynhon.listen({ host: '127.0.0.1', port: 0 });
    const hanoiUrl = await hanoi.listen({ host: '127.0.0.1', port: 0 });
    district = await createSqlSourceSimulator({
      databaseUrl: db.databaseUrl,
      schema: `sim_${randomBytes(5).toString('hex')}`,
      seed: 2026,
      rows: RECORDS,
      now: () => NOW.getTime(),
    });
    inboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kntc-dedup-demo-'));
    await writeCommuneExports(inboxDir, { seed: 1, files: 5, rowsPerFile: 40, now: NOW });
    const demo = (await fs.readFile(path.join(root, 'config/demo.yaml'), 'utf8')).split('\n');
    expect(demo.some((l) => l.includes('district-sql'))).toBe(true);
    sources.push(
      source(
        'quynhon-web',
        'rest-json',
        'mappings/quynhon-web.yaml',
        {
          baseUrl: quynhonUrl,
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'QUYNHON_API_KEY' },
          params: {
            page: 'trang',
            pageSize: 'soBanGhi',
            modifiedSince: 'capNhatTu',
            afterId: 'sauMaDon',
          },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
          pageSize: 100,
        },
        { QUYNHON_API_KEY: 'k' },
      ),
      source(
        'hanoi-kntc',
        'soap-xml',
        'mappings/hanoi-kntc.yaml',
        {
          endpoint: `${hanoiUrl}/KNTCService.asmx`,
          protocol: 'soap1.1',
          soapAction: 'http://thanhtra.hanoi.gov.vn/kntc/LayDanhSachDon',
          body: '<LayDanhSachDon xmlns="http://thanhtra.hanoi.gov.vn/kntc/"><TuNgayCapNhat>{{modifiedSince}}</TuNgayCapNhat><SauSoDon>{{afterId}}</SauSoDon><Trang>{{page}}</Trang><SoBanGhi>{{pageSize}}</SoBanGhi></LayDanhSachDon>',
          keyset: true,
          auth: {
            type: 'wsse',
            username: 'kntc-hub',
            secretEnv: 'HANOI_KNTC_PASSWORD',
            passwordType: 'PasswordDigest',
          },
          records: 'Envelope.Body.LayDanhSachDonResponse.KetQua.Don',
          totalPages: 'Envelope.Body.LayDanhSachDonResponse.KetQua.TongSoTrang',
          record: { id: 'SoDon', modified: 'NgayCapNhat' },
          pageSize: 100,
        },
        { HANOI_KNTC_PASSWORD: 'p' },
      ),
      source(
        'district-sql',
        'sql',
        'mappings/district-sql.yaml',
        {
          connection: { urlSecretEnv: 'DISTRICT_DB_URL', sslmode: 'disable' },
          query: district.query,
          watermark: { column: 'ngay_cap_nhat', type: 'timestamptz' },
          key: { column: 'so_don', type: 'text' },
          pageSize: 100,
        },
        { DISTRICT_DB_URL: db.databaseUrl },
      ),
      source('xa-bui-thi-xuan', 'file-drop', 'mappings/commune-export.yaml', {
        inbox: inboxDir,
        minAgeSeconds: 0,
        idColumns: ['Số đơn'],
        xlsx: { headerRow: 2 },
      }),
    );
    await upsertSources(
      db.pool,
      sources.map((s) => ({ id: s.id, name: s.name, kind: s.adapter, enabled: true })),
    );
    const mappings = new Map<string, CompiledMapping>();
    for (const s of sources) mappings.set(s.id, await loadMappingFile(s.mappingPath));
    const dedup = await DedupService.open(db.pool, log);
    const deps = {
      pool: db.pool,
      adapterFor: (kind: string) => adapterFor(kind),
      mappingFor: (id: string) => mappings.get(id) as CompiledMapping,
      log,
      onCommitted: async (ids: readonly string[]) => {
        await dedupAfterCommit(dedup, ids);
      },
    };
    for (const s of sources) {
      const outcome = await syncSource(deps, s, 'manual', new AbortController().signal);
      expect(outcome.status, `sync of ${s.id}`).toBe('succeeded');
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(closers.map((c) => c()));
    await district?.drop();
    await db?.drop();
    if (inboxDir !== undefined) await fs.rm(inboxDir, { recursive: true, force: true });
  });

  it('lists every stored record once with its case and person', async () => {
    const lines = await exported(db);
    const { rows } = await db.pool.query<{
      source_id: string;
      source_record_id: string;
      n: number;
    }>(
      `SELECT p.source_id, p.source_record_id,
              jsonb_array_length(p.record -> 'petitioners')::int AS n
         FROM petitions p`,
    );
    expect(new Set(rows.map((r) => r.source_id)).size).toBe(4);
    expect(lines).toHaveLength(rows.length);
    const byKey = new Map(lines.map((l) => [`${l.source}\u0000${l.sourceId}`, l]));
    for (const r of rows) {
      const line = byKey.get(`${r.source_id}\u0000${r.source_record_id}`);
      expect(line?.caseId).toMatch(/^[0-9a-f-]{36}$/u);
      if (r.n > 0) expect(line?.personId).toMatch(/^[0-9a-f-]{36}$/u);
    }
  });

  it('puts the matters planted in several sources into one case and one person', async () => {
    const matterOf = new Map(sharedMatters().map((m) => [foldKey(m.content.summary), m.id]));
    const { rows } = await db.pool.query<{
      source_id: string;
      source_record_id: string;
      summary: string;
    }>(
      `SELECT source_id, source_record_id, record #>> '{content,summary}' AS summary FROM petitions`,
    );
    const byMatter = new Map<string, { source: string; id: string }[]>();
    for (const r of rows) {
      const matter = matterOf.get(foldKey(r.summary));
      if (matter === undefined) continue;
      byMatter.set(matter, [
        ...(byMatter.get(matter) ?? []),
        { source: r.source_id, id: r.source_record_id },
      ]);
    }
    const crossSource = [...byMatter.values()].filter(
      (copies) => new Set(copies.map((c) => c.source)).size > 1,
    );
    expect(crossSource.length).toBeGreaterThanOrEqual(5);
    const lines = new Map((await exported(db)).map((l) => [`${l.source}\u0000${l.sourceId}`, l]));
    for (const copies of crossSource) {
      const found = copies.map((c) => lines.get(`${c.source}\u0000${c.id}`));
      expect(new Set(found.map((l) => l?.caseId)).size, JSON.stringify(copies)).toBe(1);
      expect(new Set(found.map((l) => l?.personId)).size, JSON.stringify(copies)).toBe(1);
    }
  });
});
