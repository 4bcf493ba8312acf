// Shared set-up of the workflow integration tests: a Quy Nhơn simulator on port 0, a fresh
// schema with the source registered, and the deployment entry pointing at the simulator.
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { ADAPTER_SCHEMAS } from '../../adapters/index.ts';
import { checkConfig, type ResolvedSource } from '../../src/config/load-config.ts';
import {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
} from '../../src/simulators/quynhon/index.ts';
import { upsertSources } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

export const KEY = 'workflow-key';
export const silent = pino({ level: 'silent' });

/** A source entry reading the simulator at `url` with the given key and mapping path. */
export function quynhonSource(
  url: string,
  key = KEY,
  mapping = 'mappings/quynhon-web.yaml',
): ResolvedSource {
  const doc = {
    national: { baseUrl: 'http://127.0.0.1:9', clientId: 'x', secretEnv: 'W_NATIONAL' },
    sources: [
      {
        id: 'quynhon-web',
        name: 'Quy Nhơn (workflow test)',
        adapter: 'rest-json',
        mapping,
        schedule: '0 0 1 1 *',
        config: {
          baseUrl: url,
          checkPath: '/api/v1/ping',
          listPath: '/api/v1/don-thu',
          auth: { type: 'apiKey', header: 'X-Api-Key', secretEnv: 'W_KEY' },
          params: {
            page: 'trang',
            pageSize: 'soBanGhi',
            modifiedSince: 'capNhatTu',
            afterId: 'sauMaDon',
          },
          response: { items: 'duLieu', totalPages: 'tongSoTrang' },
          record: { id: 'maDon', modified: 'ngayCapNhat' },
          pageSize: 20,
          timeoutMs: 5000,
        },
      },
    ],
  };
  const config = checkConfig(doc, 'config/test.yaml', ADAPTER_SCHEMAS, {
    W_NATIONAL: 'n',
    W_KEY: key,
  });
  const source = config.sources[0];
  if (source === undefined) throw new Error('no source');
  return source;
}

/** The simulator with many unknown kind codes (loaiDon 00/07/09) and no other rejections planted. */
export async function startSimulator(
  records: number,
): Promise<{ sim: QuyNhonSimulator; url: string }> {
  const sim = buildQuyNhonSimulator({
    apiKey: KEY,
    seed: 21,
    initialRecords: records,
    recordFaults: { unknownLoaiDon: 0.25, impossibleDate: 0, emptyHoTen: 0 },
  });
  const url = await sim.listen({ host: '127.0.0.1', port: 0 });
  return { sim, url };
}

/** A fresh schema with the quynhon-web source registered. */
export async function registeredSchema(): Promise<TestSchema> {
  const db = await createTestSchema();
  await upsertSources(db.pool, [
    { id: 'quynhon-web', name: 'Quy Nhơn', kind: 'rest-json', enabled: true },
  ]);
  return db;
}

/** Writes the Quy Nhơn mapping fixed for codes 00/07/09, as version 1.0.1; returns its path. */
export async function writeFixedMapping(): Promise<string> {
  const text = await readFile('mappings/quynhon-web.yaml', 'utf8');
  const fixed = text
    .replace('version: 1.0.0', 'version: 1.0.1')
    .replace("loaiDon: { '01': KN,", "loaiDon: { '00': KNPA, '07': KNPA, '09': KNPA, '01': KN,")
    .replace(
      "baoMat: { '01': false,",
      "baoMat: { '00': false, '07': false, '09': false, '01': false,",
    );
  if (fixed === text) throw new Error('the Quy Nhơn mapping changed: update writeFixedMapping');
  const dir = await mkdtemp(path.join(tmpdir(), 'kntc-mapping-'));
  const file = path.join(dir, 'quynhon-web.yaml');
  await writeFile(file, fixed);
  return file;
}
