// Positions compare as instants with their offset, ids as the source sorts them; lookback keeps
// the source's offset in the timestamp it sends back.
import { describe, expect, it } from 'vitest';
import {
  compareIds,
  comparePositions,
  lookBack,
  parseInstant,
  type Position,
} from '../../../../adapters/rest-json/position.ts';

const at = (iso: string, id: string | null): Position => {
  const instant = parseInstant(iso);
  if (instant === null) throw new Error(`not an instant: ${iso}`);
  return { ...instant, id };
};

describe('rest-json positions', () => {
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
