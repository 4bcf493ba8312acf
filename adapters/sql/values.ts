/**
 * How a source row becomes a plain JSON object. node-postgres turns timestamps into JS Dates
 * (losing microseconds and the offset) and dates into local midnights; this adapter installs
 * its own text parsers on its connections instead, so every value arrives in a form that is
 * exact and JSON-safe:
 *
 * | PostgreSQL type   | payload value                                                      |
 * | ----------------- | ------------------------------------------------------------------ |
 * | timestamptz       | ISO-8601 with the session zone's offset, µs kept: 2026-10-20T09:15:00.123456+07:00 |
 * | timestamp         | ISO-8601 without offset: 2026-10-20T09:15:00                        |
 * | date              | YYYY-MM-DD                                                         |
 * | bigint, numeric   | a number when it prints back exactly, else the text ("9007199254740993", "12.50") |
 * | bytea             | base64 text                                                        |
 * | interval          | ISO-8601 duration text: P1DT2H                                     |
 * | json, jsonb       | parsed (objects, arrays)                                           |
 * | arrays of the above, anything else | node-postgres' default, then Dates → ISO (UTC), Buffers → base64 |
 */
import pg from 'pg';

type TextParser = (text: string) => unknown;

const TIMESTAMPTZ_TEXT = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)([+-]\d\d)(?::(\d\d))?$/;
const TIMESTAMP_TEXT = /^(\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)$/;

/** PostgreSQL's ISO text of a timestamptz ("2026-10-20 09:15:00+07") as ISO-8601 with offset. */
export function parseTimestamptz(text: string): string {
  const m = TIMESTAMPTZ_TEXT.exec(text);
  return m === null ? text : `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`;
}

/** PostgreSQL's ISO text of a timestamp ("2026-10-20 09:15:00") as ISO-8601 without offset. */
export function parseTimestamp(text: string): string {
  const m = TIMESTAMP_TEXT.exec(text);
  return m === null ? text : `${m[1]}T${m[2]}`;
}

/** A bigint or numeric as a number when that loses nothing, else as its text. */
export function parseExactNumber(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) &&
    String(n) === text &&
    (Number.isSafeInteger(n) || !Number.isInteger(n))
    ? n
    : text;
}

/** A bytea in PostgreSQL's hex output ("\\x6869") as base64. */
export function parseBytea(text: string): string {
  return text.startsWith('\\x')
    ? Buffer.from(text.slice(2), 'hex').toString('base64')
    : Buffer.from(text, 'latin1').toString('base64');
}

const PARSERS: ReadonlyMap<number, TextParser> = new Map<number, TextParser>([
  [1184, parseTimestamptz],
  [1114, parseTimestamp],
  [1082, (text) => text],
  [20, parseExactNumber],
  [1700, parseExactNumber],
  [17, parseBytea],
  // The session sets IntervalStyle iso_8601, so intervals arrive as "P1DT2H".
  [1186, (text) => text],
]);

/** Type parsers for a pg.Client: ours for the types above, node-postgres' for the rest. */
export const sourceTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    const own = format === 'binary' ? undefined : PARSERS.get(oid);
    return own ?? (pg.types.getTypeParser(oid, format ?? 'text') as TextParser);
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** Makes any value node-postgres produced JSON-safe (Dates, Buffers, bigints, nested). */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
    return value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
}
