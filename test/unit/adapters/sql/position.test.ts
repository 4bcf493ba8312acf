// Cursor comparisons: instants to the microsecond whatever the offset, keys in the order the
// query uses, a cursor that never goes back, lookback, and a cursor that does not fit the config.
import { describe, expect, it } from 'vitest';
import {
  compareKeys,
  comparePositions,
  compareWatermarks,
  fromCursor,
  laterOf,
  lookBack,
  toCursor,
  watermarkText,
  type Ordering,
} from '../../../../adapters/sql/position.ts';
import { HubError } from '../../../../src/lib/errors.ts';

const tz: Ordering = { watermarkType: 'timestamptz', keyType: 'text' };
const shape = { watermarkColumn: 'ngay_cap_nhat', watermarkType: 'timestamptz' } as const;

describe('watermark comparisons', () => {
  it('compares timestamptz as instants, to the microsecond', () => {
    expect(
      compareWatermarks('timestamptz', '2026-10-20T09:15:00+07:00', '2026-10-20T02:15:00Z'),
    ).toBe(0);
    expect(
      compareWatermarks(
        'timestamptz',
        '2026-10-20T09:15:00.000001+07:00',
        '2026-10-20T09:15:00+07:00',
      ),
    ).toBe(1);
    expect(
      compareWatermarks(
        'timestamptz',
        '2026-10-20T09:15:00.1+07:00',
        '2026-10-20T09:15:00.099999+07:00',
      ),
    ).toBe(1);
  });

  it('compares timestamp as wall-clock values and bigint as integers', () => {
    expect(compareWatermarks('timestamp', '2026-10-20T09:15:00.5', '2026-10-20T09:15:00.25')).toBe(
      1,
    );
    expect(compareWatermarks('bigint', '9', '10')).toBe(-1);
    expect(compareWatermarks('bigint', '9007199254740993', '9007199254740992')).toBe(1);
  });

  it('only reads values of the configured type', () => {
    expect(watermarkText('timestamptz', '2026-10-20T09:15:00')).toBeNull();
    expect(watermarkText('timestamp', '2026-10-20T09:15:00+07:00')).toBeNull();
    expect(watermarkText('bigint', 42)).toBe('42');
    expect(watermarkText('bigint', '12.5')).toBeNull();
  });

  it('refuses infinite watermarks, which would freeze the cursor forever', () => {
    expect(watermarkText('timestamptz', 'infinity')).toBeNull();
    expect(watermarkText('timestamp', '-infinity')).toBeNull();
  });
});

describe('key and position order', () => {
  it('orders text keys by UTF-8 bytes, as COLLATE "C" does', () => {
    expect(compareKeys('text', 'DT-2026-000010', 'DT-2026-000009')).toBe(1);
    expect(compareKeys('text', 'Z', 'a')).toBeLessThan(0);
    expect(compareKeys('text', 'Đ', 'Z')).toBeGreaterThan(0);
  });

  it('orders bigint keys numerically', () => {
    expect(compareKeys('bigint', '10', '9')).toBe(1);
  });

  it('breaks ties on the watermark by key; a null key comes first', () => {
    const w = '2026-10-20T09:15:00+07:00';
    expect(comparePositions(tz, { watermark: w, key: 'b' }, { watermark: w, key: 'a' })).toBe(1);
    expect(comparePositions(tz, { watermark: w, key: null }, { watermark: w, key: 'a' })).toBe(-1);
  });

  it('never moves back: the later position wins', () => {
    const saved = { watermark: '2026-10-20T09:15:00+07:00', key: 'DT-2' };
    const earlier = { watermark: '2026-10-20T09:14:00+07:00', key: 'DT-9' };
    expect(laterOf(tz, saved, earlier)).toBe(saved);
    expect(laterOf(tz, null, earlier)).toBe(earlier);
  });
});

describe('lookback', () => {
  it('goes back in seconds before every key, keeping microseconds', () => {
    const p = { watermark: '2026-10-20T09:15:00.123456+07:00', key: 'DT-1' };
    expect(lookBack('timestamptz', p, 60)).toEqual({
      watermark: '2026-10-20T02:14:00.123456Z',
      key: null,
    });
    expect(lookBack('timestamp', { watermark: '2026-10-20T00:00:30', key: '1' }, 60)).toEqual({
      watermark: '2026-10-19T23:59:30.000000',
      key: null,
    });
    expect(lookBack('bigint', { watermark: '100', key: '1' }, 5)).toEqual({
      watermark: '95',
      key: null,
    });
    expect(lookBack('bigint', p, 0)).toBe(p);
  });
});

describe('cursor', () => {
  it('round-trips a position and "from the start"', () => {
    const p = { watermark: '2026-10-20T09:15:00.123456+07:00', key: 'DT-1' };
    expect(fromCursor('s', shape, toCursor(shape, p))).toEqual(p);
    expect(fromCursor('s', shape, toCursor(shape, null))).toBeNull();
    expect(fromCursor('s', shape, null)).toBeNull();
  });

  it.each([
    [
      'another watermark column',
      { ...toCursor(shape, null), watermarkColumn: 'x', watermark: '1' },
    ],
    [
      'another type',
      { watermarkColumn: 'ngay_cap_nhat', watermarkType: 'bigint', watermark: '1', key: null },
    ],
    [
      'a rest-json cursor',
      { modifiedSince: '2026-10-20T09:15:00+07:00', lastId: 'x', watermark: 'x' },
    ],
    [
      'a watermark that is not a timestamptz',
      { ...toCursor(shape, null), watermark: '2026-10-20' },
    ],
  ])('refuses %s with KNTC_CURSOR_INVALID', (_what, cursor) => {
    let err: unknown;
    try {
      fromCursor('district-sql', shape, cursor);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).code).toBe('KNTC_CURSOR_INVALID');
  });
});
