// The simulator's sorted record store: order kept on upsert, and page look-ups that stay fast
// with 100,000 records (binary search, no re-sorting per request).
import { describe, expect, it } from 'vitest';
import {
  RecordStore,
  generateQuyNhonRecords,
  type QuyNhonRecord,
} from '../../../src/simulators/quynhon/index.ts';
import { formatVnTimestamp } from '../../../src/simulators/synth/index.ts';

const NOW = new Date('2026-11-20T10:00:00+07:00');
const template = generateQuyNhonRecords(1, { seed: 1, now: NOW })[0] as QuyNhonRecord;

function fake(i: number): QuyNhonRecord {
  // Ten records per second, so ties are frequent.
  const ts = NOW.getTime() - 90 * 86_400_000 + Math.floor(i / 10) * 1000;
  return {
    ...template,
    maDon: `QN-2026-${String(i).padStart(6, '0')}`,
    ngayCapNhat: formatVnTimestamp(ts),
  };
}

describe('RecordStore', () => {
  it('keeps serving order when records are added or updated', () => {
    const store = new RecordStore([fake(3), fake(1), fake(2)]);
    expect(store.all().map((r) => r.maDon)).toEqual([
      'QN-2026-000001',
      'QN-2026-000002',
      'QN-2026-000003',
    ]);
    store.upsert({ ...fake(1), ngayCapNhat: formatVnTimestamp(NOW.getTime()) });
    store.upsert(fake(0));
    expect(store.all().map((r) => r.maDon)).toEqual([
      'QN-2026-000000',
      'QN-2026-000002',
      'QN-2026-000003',
      'QN-2026-000001',
    ]);
    expect(store.size).toBe(4);
  });

  it('answers 2,000 keyset page look-ups on 100,000 records quickly', () => {
    const store = new RecordStore(Array.from({ length: 100_000 }, (_, i) => fake(i)));
    const started = performance.now();
    let served = 0;
    for (let i = 0; i < 2000; i++) {
      const at = store.at((i * 47) % store.size) as QuyNhonRecord;
      const page = store.page({
        fromMs: Date.parse(at.ngayCapNhat),
        afterMaDon: at.maDon,
        offset: 0,
        limit: 100,
      });
      served += page.items.length;
      expect(page.items[0]?.maDon === at.maDon).toBe(false);
    }
    // A linear scan or a sort per request would take seconds here; binary search takes ms.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(served).toBeGreaterThan(0);
  });
});
