// Incremental pull without keyset support: page 1 re-queried at the cursor, client-side dedupe,
// page numbers only for an instant that fills whole pages, and the re-walk after a shift.
import { describe, expect, it } from 'vitest';
import { restJsonAdapter } from '../../../../adapters/rest-json/index.ts';
import { FakeSource, collect, idsOf, makeCtx, noKeysetConfig, rec } from './fake-source.ts';

const id = (n: number): string => `QN-2026-${String(n).padStart(6, '0')}`;
const ids = (...ns: number[]): string[] => ns.map(id);

describe('rest-json pull, without keyset', () => {
  it('re-queries page 1 at the cursor and drops what it already has', async () => {
    const records = [
      rec(1, '09:00:00'),
      rec(2, '09:00:00'),
      rec(3, '09:01:00'),
      rec(4, '09:02:00'),
      rec(5, '09:03:00'),
    ];
    const fake = new FakeSource(records, false).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), null));

    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4, 5));
    expect(batches.map((b) => b.records.length)).toEqual([3, 2]);
    expect(fake.requests.every((r) => !r.query.has('sauMaDon'))).toBe(true);
    expect(fake.requests.map((r) => r.query.get('trang'))).toEqual(['1', '1', '1']);
    expect(fake.requests[1]?.query.get('capNhatTu')).toBe('2026-10-20T09:01:00+07:00');
  });

  it('walks page numbers only while a whole page shares the cursor instant', async () => {
    const same = [1, 2, 3, 4, 5, 6, 7].map((n) => rec(n, '09:00:00'));
    const fake = new FakeSource([...same, rec(8, '09:05:00'), rec(9, '09:06:00')], false).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), null));

    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4, 5, 6, 7, 8, 9));
    const asked = fake.requests.map(
      (r) => `${r.query.get('capNhatTu') ?? '-'} p${r.query.get('trang') ?? ''}`,
    );
    expect(asked).toEqual([
      '- p1',
      '2026-10-20T09:00:00+07:00 p1', // all 3 at the cursor instant, none new: walk
      '2026-10-20T09:00:00+07:00 p2',
      '2026-10-20T09:00:00+07:00 p3', // 7, 8, 9: past the instant, back to page 1
      '2026-10-20T09:06:00+07:00 p1', // nothing new, tongSoTrang 1: the end
    ]);
  });

  it('probes page 2 when the source reports no page count', async () => {
    const fake = new FakeSource(
      [1, 2, 3, 4].map((n) => rec(n, '09:00:00')),
      false,
    ).install();
    const config = noKeysetConfig({ response: { items: 'duLieu' } });
    const batches = await collect(restJsonAdapter.pull(makeCtx(config), null));

    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4));
    expect(fake.requests.map((r) => r.query.get('trang'))).toEqual(['1', '1', '2', '3']);
  });

  it('yields a monotonic cursor, one per page', async () => {
    const same = [1, 2, 3, 4].map((n) => rec(n, '09:00:00'));
    new FakeSource([...same, rec(5, '09:01:00')], false).install();
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), null));

    expect(batches.map((b) => b.cursor)).toEqual([
      { modifiedSince: '2026-10-20T09:00:00+07:00', lastId: id(3) },
      { modifiedSince: '2026-10-20T09:01:00+07:00', lastId: id(5) },
    ]);
  });

  it('resumes from a cursor without returning the records at or before it', async () => {
    const records = [1, 2, 3, 4, 5].map((n) => rec(n, '09:00:00'));
    const fake = new FakeSource([...records, rec(6, '09:10:00')], false).install();
    const from = { modifiedSince: '2026-10-20T09:00:00+07:00', lastId: id(2) };
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), from));

    expect(idsOf(batches)).toEqual(ids(3, 4, 5, 6));
    expect(fake.requests[0]?.query.get('capNhatTu')).toBe(from.modifiedSince);
  });

  it('compares modified values as instants, whatever the offset', async () => {
    // 02:00:30Z is 09:00:30+07:00: after the cursor although the string sorts before it.
    const records = [rec(1, '09:00:00'), { maDon: id(2), ngayCapNhat: '2026-10-20T02:00:30Z' }];
    new FakeSource(records, false).install();
    const from = { modifiedSince: '2026-10-20T09:00:00+07:00', lastId: id(1) };
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), from));
    expect(idsOf(batches)).toEqual(ids(2));
  });

  it('loses nothing when a record is updated mid-run', async () => {
    const fake = new FakeSource(
      [1, 2, 3, 4, 5, 6].map((n) => rec(n, `09:0${n}:00`)),
      false,
    ).install();
    fake.beforeAnswer = (n) => {
      if (n !== 2) return;
      fake.records = fake.records.map((r) =>
        r.maDon === id(2) ? { ...r, ngayCapNhat: '2026-10-20T10:00:00+07:00' } : r,
      );
    };
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), null));
    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 4, 5, 6, 2));
  });

  it('re-walks an instant when a record left it during a page-number walk', async () => {
    const fake = new FakeSource(
      [...[1, 2, 3, 4, 5, 6, 7].map((n) => rec(n, '09:00:00')), rec(8, '09:05:00')],
      false,
    );
    fake.install().beforeAnswer = (n) => {
      if (n !== 3) return;
      // Before page 2 of the walk, record 1 is edited: record 4 slides onto page 1, already read.
      fake.records = fake.records.map((r) =>
        r.maDon === id(1) ? { ...r, ngayCapNhat: '2026-10-20T10:00:00+07:00' } : r,
      );
    };
    const batches = await collect(restJsonAdapter.pull(makeCtx(noKeysetConfig()), null));

    expect(idsOf(batches)).toEqual(ids(1, 2, 3, 5, 6, 7, 8, 1, 4));
    const last = { modifiedSince: '2026-10-20T10:00:00+07:00', lastId: id(1) };
    expect(batches.at(-1)?.cursor).toEqual(last);
    expect(batches.at(-2)?.cursor).toEqual(last);
  });
});
