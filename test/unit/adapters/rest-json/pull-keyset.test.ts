// Incremental pull with keyset paging (sauMaDon): paging, cursor, resume, lookback, a changing source.
import { describe, expect, it } from 'vitest';
import { restJsonAdapter } from '../../../../adapters/rest-json/index.ts';
import {
  FakeSource,
  collect,
  idsOf,
  makeCtx,
  quynhonConfig,
  rec,
  type FakeRecord,
} from './fake-source.ts';

const nine = (): FakeRecord[] => [
  rec(1, '09:00:00'),
  rec(2, '09:00:00'),
  rec(3, '09:01:00'),
  rec(4, '09:02:00'),
  rec(5, '09:02:00'),
  rec(6, '09:02:00'),
  rec(7, '09:03:00'),
  rec(8, '09:04:00'),
  rec(9, '09:05:00'),
];
const id = (n: number): string => `QN-2026-${String(n).padStart(6, '0')}`;

describe('rest-json pull, keyset mode', () => {
  it('pages through 3 pages, every request on page 1 after the last (modified, id)', async () => {
    const fake = new FakeSource(nine()).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), null));

    expect(batches.map((b) => b.records.length)).toEqual([3, 3, 3]);
    expect(idsOf(batches)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(id));
    expect(fake.requests.map((r) => r.query.get('trang'))).toEqual(['1', '1', '1', '1']);
    expect(fake.requests[0]?.query.has('capNhatTu')).toBe(false);
    expect(fake.requests[1]?.query.get('capNhatTu')).toBe('2026-10-20T09:01:00+07:00');
    expect(fake.requests[1]?.query.get('sauMaDon')).toBe(id(3));
    expect(fake.requests[2]?.query.get('sauMaDon')).toBe(id(6));
    expect(fake.requests[1]?.query.get('soBanGhi')).toBe('3');
  });

  it('yields a monotonic cursor per page: the (modified, id) of the page’s last record', async () => {
    new FakeSource(nine()).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), null));

    expect(batches.map((b) => b.cursor)).toEqual([
      { modifiedSince: '2026-10-20T09:01:00+07:00', lastId: id(3) },
      { modifiedSince: '2026-10-20T09:02:00+07:00', lastId: id(6) },
      { modifiedSince: '2026-10-20T09:05:00+07:00', lastId: id(9) },
    ]);
  });

  it('keeps the record as received: payload, bytes and sourceRecordId', async () => {
    const record = { ...rec(1, '09:00:00'), noiDung: 'Nội dung tổng hợp' };
    new FakeSource([record]).install();
    const [batch] = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), null));

    const raw = batch?.records[0];
    expect(raw?.sourceRecordId).toBe(id(1));
    expect(raw?.payload).toEqual(record);
    expect(raw?.bytes.toString('utf8')).toBe(JSON.stringify(record));
  });

  it('resumes from a cursor without returning the records before it', async () => {
    const fake = new FakeSource(nine()).install();
    const from = { modifiedSince: '2026-10-20T09:02:00+07:00', lastId: id(5) };
    const batches = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), from));

    expect(idsOf(batches)).toEqual([6, 7, 8, 9].map(id));
    expect(fake.requests[0]?.query.get('capNhatTu')).toBe(from.modifiedSince);
    expect(fake.requests[0]?.query.get('sauMaDon')).toBe(id(5));
  });

  it('applies lookbackSeconds to the first request but never moves the cursor back', async () => {
    const fake = new FakeSource(nine()).install();
    const from = { modifiedSince: '2026-10-20T09:03:00+07:00', lastId: id(7) };
    const config = quynhonConfig({ lookbackSeconds: 90 });
    const batches = await collect(restJsonAdapter.pull(makeCtx(config), from));

    expect(fake.requests[0]?.query.get('capNhatTu')).toBe('2026-10-20T09:01:30+07:00');
    expect(fake.requests[0]?.query.has('sauMaDon')).toBe(false);
    expect(idsOf(batches)).toEqual([4, 5, 6, 7, 8, 9].map(id));
    expect(batches[0]?.cursor).toEqual(from);
    expect(batches.at(-1)?.cursor).toEqual({
      modifiedSince: '2026-10-20T09:05:00+07:00',
      lastId: id(9),
    });
  });

  it('yields no batch for an empty result, so the saved cursor stays', async () => {
    const fake = new FakeSource([]).install();
    const from = { modifiedSince: '2026-10-20T09:03:00+07:00', lastId: id(7) };
    expect(await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), from))).toEqual([]);
    expect(fake.requests).toHaveLength(1);
  });

  it('neither loses nor duplicates when a record is updated mid-run (moves to the end)', async () => {
    const fake = new FakeSource(nine()).install();
    fake.beforeAnswer = (n) => {
      if (n !== 2) return;
      // After page 1 was served, record 2 is edited: it leaves page 1 for the end.
      fake.records = fake.records.map((r) =>
        r.maDon === id(2) ? { ...r, ngayCapNhat: '2026-10-20T10:00:00+07:00' } : r,
      );
    };
    const batches = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), null));

    const versions = batches.flatMap((b) =>
      b.records.map(
        (r) => `${r.sourceRecordId ?? ''}@${(r.payload as FakeRecord).ngayCapNhat ?? ''}`,
      ),
    );
    expect(new Set(versions).size).toBe(versions.length);
    expect(idsOf(batches)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 2].map(id));
    expect(batches.at(-1)?.cursor).toEqual({
      modifiedSince: '2026-10-20T10:00:00+07:00',
      lastId: id(2),
    });
  });

  it('keeps records without a modified value but does not let them move the cursor', async () => {
    const records = [{ maDon: id(1), ngayCapNhat: null }, rec(2, '09:00:00'), { maDon: id(3) }];
    new FakeSource(records).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(quynhonConfig()), null));

    expect(idsOf(batches)).toEqual([1, 3, 2].map(id));
    expect(batches[0]?.cursor).toEqual({
      modifiedSince: '2026-10-20T09:00:00+07:00',
      lastId: id(2),
    });
  });

  it('stops between pages when the run is aborted', async () => {
    new FakeSource(nine()).install();
    const controller = new AbortController();
    const seen: number[] = [];
    const pulling = (async () => {
      for await (const batch of restJsonAdapter.pull(
        makeCtx(quynhonConfig(), { signal: controller.signal }),
        null,
      )) {
        seen.push(batch.records.length);
        controller.abort(new Error('run cancelled'));
      }
    })();
    await expect(pulling).rejects.toThrow('run cancelled');
    expect(seen).toEqual([3]);
  });

  it('stops at maxPages; the next run continues from the cursor', async () => {
    const fake = new FakeSource(nine()).install();
    const batches = await collect(
      restJsonAdapter.pull(makeCtx(quynhonConfig({ maxPages: 2 })), null),
    );
    expect(idsOf(batches)).toEqual([1, 2, 3, 4, 5, 6].map(id));
    expect(fake.requests).toHaveLength(2);
  });
});
