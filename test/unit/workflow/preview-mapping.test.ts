import { describe, expect, it } from 'vitest';
import { previewMapping } from '../../../src/workflow/index.ts';
import { fakeAdapter, mapping, rec, silent, source } from './fakes.ts';

const deps = (
  a: ReturnType<typeof fakeAdapter>['adapter'],
  cursor: Record<string, number> | null = null,
) => ({
  adapterFor: () => a,
  log: silent,
  loadMapping: () => Promise.resolve(mapping),
  readCursor: () => Promise.resolve(cursor),
});

describe('previewMapping (fake adapter)', () => {
  it('stops at the limit, cutting the last page, and abandons the pull', async () => {
    const { adapter, seen } = fakeAdapter([
      [rec(1), rec(2)],
      [rec(3), rec(4, { loai: 'X' })],
      [rec(5)],
    ]);
    const p = await previewMapping(deps(adapter), source, { limit: 3 });
    expect(p.records.map((r) => r.sourceRecordId)).toEqual(['R1', 'R2', 'R3']);
    expect(p).toMatchObject({
      mapped: 3,
      rejected: 0,
      exhausted: false,
      from: 'start',
      cursor: null,
      mappingVersion: '2.0.0',
    });
    expect(seen.pagesServed).toBe(2);
    expect(seen.closed).toBe(true);
  });

  it('keeps raw and canonical side by side, errors per field', async () => {
    const { adapter } = fakeAdapter([[rec(1), rec(2, { loai: 'X', ngay: '30/02/2026' })]]);
    const p = await previewMapping(deps(adapter), source, { limit: 10 });
    expect(p.exhausted).toBe(true);
    const [ok, bad] = p.records;
    expect(ok?.raw).toEqual(rec(1));
    expect(ok?.canonical?.provenance).toEqual({
      source: 'fake',
      sourceRecordId: 'R1',
      mappingVersion: '2.0.0',
    });
    expect(bad?.canonical).toBeNull();
    expect(bad?.errors.map((e) => [e.field, e.code])).toEqual([
      ['receipt.receivedAt', 'KNTC_RECORD_BAD_DATE'],
      ['kind', 'KNTC_RECORD_UNKNOWN_CODE'],
    ]);
  });

  it('starts from the saved cursor when asked', async () => {
    const { adapter, seen } = fakeAdapter([[rec(1)]]);
    const p = await previewMapping(deps(adapter, { page: 7 }), source, {
      limit: 1,
      from: 'cursor',
    });
    expect(seen.from).toEqual({ page: 7 });
    expect(p.cursor).toEqual({ page: 7 });
  });
});
