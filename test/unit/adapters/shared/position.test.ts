// Positions compare as instants with their offset, ids as the source sorts them; lookback keeps
// the source's offset in the timestamp it sends back; the cursor stores a position and refuses
// anything else.
import { describe, expect, it } from 'vitest';
import {
  compareIds,
  comparePositions,
  fromCursor,
  lookBack,
  parseInstant,
  toCursor,
  type Position,
} from '../../../../adapters/shared/position.ts';
import { HubError } from '../../../../src/lib/errors.ts';

const at = (iso: string, id: string | null): Position => {
  const instant = parseInstant(iso);
  if (instant === null) throw new Error(`not an instant: ${iso}`);
  return { ...instant, id };
};

describe('(modified, id) positions', () => {
  it('reads only ISO-8601 timestamps that carry an offset', () => {
    expect(parseInstant('2026-10-20T09:15:00+07:00')?.ms).toBe(Date.parse('2026-10-20T02:15:00Z'));
    expect(parseInstant('2026-10-20T09:15:00')).toBeNull();
    expect(parseInstant('20/10/2026 09:15')).toBeNull();
    expect(parseInstant(1792462500000)).toBeNull();
  });

  it('orders by instant across offsets, then by id, down to the nanosecond', () => {
    expect(
      comparePositions(at('2026-10-20T09:15:00+07:00', 'B'), at('2026-10-20T02:15:00Z', 'A')),
    ).toBeGreaterThan(0);
    expect(
      comparePositions(at('2026-10-20T09:15:00+07:00', 'A'), at('2026-10-20T02:15:01Z', 'A')),
    ).toBeLessThan(0);
    const early = at('2026-10-20T09:15:00.000100+07:00', 'Z');
    const late = at('2026-10-20T09:15:00.000200+07:00', 'A');
    expect(comparePositions(early, late)).toBeLessThan(0);
    expect(
      comparePositions(at('2026-10-20T09:15:00Z', null), at('2026-10-20T09:15:00Z', '')),
    ).toBeLessThan(0);
  });

  it('orders digit ids numerically and others by code unit', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('QN-2026-000009', 'QN-2026-000010')).toBeLessThan(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });

  it('looks back in the source’s own offset, covering every id at that instant', () => {
    expect(lookBack(at('2026-10-20T00:00:30+07:00', 'X'), 60)).toMatchObject({
      iso: '2026-10-19T23:59:30+07:00',
      id: null,
    });
    expect(lookBack(at('2026-10-20T00:00:30Z', 'X'), 3600).iso).toBe('2026-10-19T23:00:30Z');
    expect(lookBack(at('2026-10-20T00:00:30-0330', 'X'), 30).iso).toBe('2026-10-20T00:00:00-0330');
  });
});

describe('the { modifiedSince, lastId } cursor', () => {
  it('round-trips a position, keeping the source’s own time string', () => {
    const position = at('2026-10-20T09:15:00.123456+07:00', 'QN-7');
    const cursor = toCursor(position);
    expect(cursor).toEqual({ modifiedSince: '2026-10-20T09:15:00.123456+07:00', lastId: 'QN-7' });
    expect(fromCursor('s', cursor)).toEqual(position);
  });

  it('reads no cursor, or a null time, as "from the start"', () => {
    expect(toCursor(null)).toEqual({ modifiedSince: null, lastId: null });
    expect(fromCursor('s', null)).toBeNull();
    expect(fromCursor('s', { modifiedSince: null, lastId: 'x' })).toBeNull();
  });

  it.each([
    ['a time without offset', { modifiedSince: '2026-10-20T09:15:00', lastId: 'x' }],
    ['a dd/MM/yyyy time', { modifiedSince: '20/10/2026', lastId: 'x' }],
    ['a numeric id', { modifiedSince: '2026-10-20T09:15:00Z', lastId: 7 }],
  ])('refuses %s with KNTC_CURSOR_INVALID and a reset hint', (_what, cursor) => {
    let thrown: unknown;
    try {
      fromCursor('quynhon-web', cursor);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(HubError);
    expect(thrown).toMatchObject({ code: 'KNTC_CURSOR_INVALID', retryable: false });
    expect((thrown as HubError).message).toContain('quynhon-web');
    expect((thrown as HubError).hint).toContain('reset');
  });
});
