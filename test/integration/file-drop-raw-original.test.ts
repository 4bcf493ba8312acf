// commitBatch keeps a raw record's original bytes (raw_records.original) when the batch carries
// them, and leaves the column NULL otherwise; a batch mixing both stays one statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/content-hash.ts';
import { encodeAs } from '../../src/lib/encodings/index.ts';
import { commitBatch, startRun, upsertSources } from '../../src/store/index.ts';
import { createTestSchema, type TestSchema } from '../helpers/pg.ts';

const SOURCE = 'xa-nhon-ly';
let db: TestSchema;

beforeAll(async () => {
  db = await createTestSchema();
  await upsertSources(db.pool, [
    { id: SOURCE, name: 'Xã Nhơn Lý', kind: 'file-drop', enabled: true },
  ]);
});
afterAll(async () => {
  await db.drop();
});

describe('raw_records.original', () => {
  it('stores the original bytes given, NULL for the others', async () => {
    const runId = await startRun(db.pool, SOURCE, 'manual');
    const legacy = encodeAs('D-1,Nguyễn Thị Hoà', 'tcvn3');
    const json = Buffer.from(JSON.stringify({ soDon: 'D-2' }));
    await commitBatch(db.pool, {
      runId,
      sourceId: SOURCE,
      cursor: { done: '', file: null, row: null },
      raws: [
        {
          sourceRecordId: 'D-1',
          payload: { soDon: 'D-1', hoTen: 'Nguyễn Thị Hoà' },
          bytesHash: sha256(legacy),
          original: legacy,
        },
        { sourceRecordId: 'D-2', payload: { soDon: 'D-2' }, bytesHash: sha256(json) },
      ],
      petitions: [],
      rejections: [],
    });
    const { rows } = await db.pool.query<{ source_record_id: string; original: Buffer | null }>(
      'SELECT source_record_id, original FROM raw_records ORDER BY source_record_id',
    );
    expect(rows).toEqual([
      { source_record_id: 'D-1', original: legacy },
      { source_record_id: 'D-2', original: null },
    ]);
  });

  it('leaves the column out for a batch without originals', async () => {
    const runId = await startRun(db.pool, SOURCE, 'manual');
    const bytes = Buffer.from('{"soDon":"D-3"}');
    await commitBatch(db.pool, {
      runId,
      sourceId: SOURCE,
      cursor: { done: '', file: null, row: null },
      raws: [{ sourceRecordId: 'D-3', payload: { soDon: 'D-3' }, bytesHash: sha256(bytes) }],
      petitions: [],
      rejections: [],
    });
    const { rows } = await db.pool.query<{ original: Buffer | null }>(
      "SELECT original FROM raw_records WHERE source_record_id = 'D-3'",
    );
    expect(rows).toEqual([{ original: null }]);
  });
});
