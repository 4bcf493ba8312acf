// Incremental pulls of the soap-xml adapter: keyset and page-walk modes, resume after a crash,
// empty pages, a failed page after a good one, lookback; against the simulator's own store.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { soapXmlAdapter } from '../../../../adapters/soap-xml/index.ts';
import { HubError } from '../../../../src/lib/errors.ts';
import {
  BASE,
  PATH,
  collect,
  hanoiConfig,
  idsOf,
  makeCtx,
  rec,
  serve,
  storeOf,
} from './fake-service.ts';

afterEach(() => {
  nock.cleanAll();
});

const seven = () =>
  storeOf([
    rec(1, '08:00:00'),
    rec(2, '08:00:00'),
    rec(3, '08:05:00'),
    rec(4, '08:10:00'),
    rec(5, '08:10:00'),
    rec(6, '08:10:00'),
    rec(7, '09:00:00'),
  ]);
const ALL = [
  'HN-0000001',
  'HN-0000002',
  'HN-0000003',
  'HN-0000004',
  'HN-0000005',
  'HN-0000006',
  'HN-0000007',
];

describe('soap-xml pull (keyset)', () => {
  it('reads every record once, one batch per page, the cursor at the last record', async () => {
    const seen = serve(seven());
    const batches = await collect(soapXmlAdapter.pull(makeCtx(hanoiConfig()), null));
    expect(idsOf(batches)).toEqual(ALL);
    expect(batches.map((b) => b.records.length)).toEqual([3, 3, 1]);
    expect(batches.at(-1)?.cursor).toEqual({
      modifiedSince: '2024-03-15T09:00:00+07:00',
      lastId: 'HN-0000007',
    });
    expect(seen[1]?.body).toContain(
      '<TuNgayCapNhat>2024-03-15T08:05:00+07:00</TuNgayCapNhat><SauSoDon>HN-0000003</SauSoDon><Trang>1</Trang>',
    );
    expect(seen).toHaveLength(3); // the short third page ends the run
  });

  it('resumes after a crash in the middle of a page: no loss, no duplicate', async () => {
    const store = seven();
    serve(store);
    const committed: string[] = [];
    let cursor = null;
    // Run 1: the first batch is committed, the process dies while the second is being stored.
    for await (const batch of soapXmlAdapter.pull(makeCtx(hanoiConfig()), null)) {
      if (cursor !== null) break;
      committed.push(...batch.records.map((r) => r.sourceRecordId ?? ''));
      cursor = batch.cursor;
    }
    store.upsert(rec(8, '09:30:00')); // the source moved on meanwhile
    const rest = await collect(soapXmlAdapter.pull(makeCtx(hanoiConfig()), cursor));
    const again = idsOf(rest) as string[];
    expect(again.filter((id) => committed.includes(id))).toEqual([]);
    expect([...committed, ...again]).toEqual([...ALL, 'HN-0000008']);
  });

  it('an empty answer yields no batch, so the saved cursor stands', async () => {
    serve(storeOf([]));
    const from = { modifiedSince: '2024-03-15T09:00:00+07:00', lastId: 'HN-0000007' };
    expect(await collect(soapXmlAdapter.pull(makeCtx(hanoiConfig()), from))).toEqual([]);
  });

  it('a failed page after a good one: the good batch and its cursor stand, the error is retryable', async () => {
    serve(seven());
    const batches: unknown[] = [];
    const pulling = (async () => {
      for await (const b of soapXmlAdapter.pull(makeCtx(hanoiConfig()), null)) {
        batches.push(b);
        nock.cleanAll();
        nock(BASE).post(PATH).reply(503, 'busy');
      }
    })();
    const err: unknown = await pulling.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_SOURCE_HTTP');
    expect((err as HubError).retryable).toBe(true);
    expect(batches).toHaveLength(1);
  });

  it('lookback re-reads earlier records but never moves the cursor back', async () => {
    const seen = serve(seven());
    const from = { modifiedSince: '2024-03-15T09:00:00+07:00', lastId: 'HN-0000007' };
    const batches = await collect(
      soapXmlAdapter.pull(makeCtx(hanoiConfig({ lookbackSeconds: 3600 })), from),
    );
    expect(seen[0]?.body).toContain(
      '<TuNgayCapNhat>2024-03-15T08:00:00+07:00</TuNgayCapNhat><SauSoDon></SauSoDon>',
    );
    expect(idsOf(batches)).toEqual(ALL);
    for (const b of batches) expect(b.cursor).toEqual(from);
  });
});

describe('soap-xml pull (without keyset)', () => {
  it('walks a page-full of equal times by page numbers, then continues from the cursor', async () => {
    const store = storeOf([
      rec(1, '08:00:00'),
      rec(2, '08:00:00'),
      rec(3, '08:00:00'),
      rec(4, '08:00:00'),
      rec(5, '08:00:00'),
      rec(6, '08:30:00'),
    ]);
    serve(store);
    const config = hanoiConfig({ keyset: false, body: BODY_NO_KEYSET });
    const batches = await collect(soapXmlAdapter.pull(makeCtx(config), null));
    expect(idsOf(batches)).toEqual([
      'HN-0000001',
      'HN-0000002',
      'HN-0000003',
      'HN-0000004',
      'HN-0000005',
      'HN-0000006',
    ]);
    expect(batches.at(-1)?.cursor).toEqual({
      modifiedSince: '2024-03-15T08:30:00+07:00',
      lastId: 'HN-0000006',
    });
  });
});

describe('soap-xml pull (without keyset), a record edited mid-walk', () => {
  it('walks the instant again at the end and yields the record the walk skipped', async () => {
    const store = storeOf([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => rec(n, '08:00:00')),
      rec(8, '08:30:00'),
    ]);
    // Before page 2 of the walk, record 1 is edited: record 4 slides onto page 1, already read.
    const seen = serve(store, '1.1', (n) => {
      if (n === 3) store.upsert(rec(1, '09:00:00'));
    });
    const config = hanoiConfig({ keyset: false, body: BODY_NO_KEYSET });
    const batches = await collect(soapXmlAdapter.pull(makeCtx(config), null));
    const hn = (...ns: number[]): string[] => ns.map((n) => `HN-${String(n).padStart(7, '0')}`);
    expect(idsOf(batches)).toEqual(hn(1, 2, 3, 5, 6, 7, 8, 1, 4));
    expect(batches.at(-1)?.cursor).toEqual({
      modifiedSince: '2024-03-15T09:00:00+07:00',
      lastId: 'HN-0000001',
    });
    expect(seen.at(-1)?.body).toContain('<TuNgayCapNhat>2024-03-15T08:00:00+07:00</TuNgayCapNhat>');
  });
});

const BODY_NO_KEYSET =
  '<LayDanhSachDon xmlns="http://thanhtra.hanoi.gov.vn/kntc/"><TuNgayCapNhat>{{modifiedSince}}</TuNgayCapNhat><Trang>{{page}}</Trang><SoBanGhi>{{pageSize}}</SoBanGhi></LayDanhSachDon>';
