// Row values as JSON: timestamps as ISO-8601 text with their microseconds, dates as days,
// big numbers as text, bytea as base64, whatever node-postgres produced made JSON-safe.
import { describe, expect, it } from 'vitest';
import {
  parseBytea,
  parseExactNumber,
  parseTimestamp,
  parseTimestamptz,
  sourceTypes,
  toJsonValue,
} from '../../../../adapters/sql/values.ts';

describe('type parsers', () => {
  it('timestamptz keeps microseconds and the session offset', () => {
    expect(parseTimestamptz('2026-10-20 09:15:00.123456+07')).toBe(
      '2026-10-20T09:15:00.123456+07:00',
    );
    expect(parseTimestamptz('2026-10-20 09:15:00+05:30')).toBe('2026-10-20T09:15:00+05:30');
    expect(parseTimestamptz('infinity')).toBe('infinity');
  });

  it('timestamp has no offset', () => {
    expect(parseTimestamp('2026-10-20 09:15:00.5')).toBe('2026-10-20T09:15:00.5');
  });

  it('numbers stay numbers only when exact', () => {
    expect(parseExactNumber('42')).toBe(42);
    expect(parseExactNumber('12.5')).toBe(12.5);
    expect(parseExactNumber('9007199254740993')).toBe('9007199254740993');
    expect(parseExactNumber('12.50')).toBe('12.50');
    expect(parseExactNumber('NaN')).toBe('NaN');
  });

  it('bytea becomes base64', () => {
    expect(parseBytea('\\x6869')).toBe(Buffer.from('hi').toString('base64'));
  });

  it('installs ours for date (no JS Date at local midnight) and falls back for others', () => {
    const parser = (oid: number): ((text: string) => unknown) =>
      sourceTypes.getTypeParser(oid, 'text') as (text: string) => unknown;
    expect(parser(1082)('2026-02-28')).toBe('2026-02-28');
    expect(parser(23)('7')).toBe(7);
  });
});

describe('toJsonValue', () => {
  it('turns Dates, Buffers and bigints into JSON-safe values, deeply', () => {
    const value = toJsonValue({
      a: new Date('2026-10-20T02:15:00Z'),
      b: [Buffer.from('hi')],
      c: { d: 10n },
      e: null,
    });
    expect(value).toEqual({ a: '2026-10-20T02:15:00.000Z', b: ['aGk='], c: { d: '10' }, e: null });
  });
});
