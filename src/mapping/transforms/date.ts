/**
 * `date: <format>` — reads a calendar date in an explicit format and writes YYYY-MM-DD.
 * Formats are built from the tokens yyyy, MM, M, dd, d, HH, H, mm, ss and the separators
 * "/ - . : T" and space (e.g. dd/MM/yyyy, d/M/yyyy, dd.MM.yyyy HH:mm), or the word `iso`
 * for ISO-8601 dates and date-times. Local systems record Vietnam local days; an ISO date-time
 * with an offset is converted to the date in Asia/Ho_Chi_Minh, which has been UTC+7 without
 * daylight saving since 1975, so a fixed offset is exact.
 */
import { StepFailure, scalarText, type Step } from './failure.ts';

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const TOKENS = ['yyyy', 'MM', 'M', 'dd', 'd', 'HH', 'H', 'mm', 'ss'] as const;
type Token = (typeof TOKENS)[number];
const TOKEN_RE: Record<Token, string> = {
  yyyy: '(\\d{4})',
  MM: '(\\d{2})',
  M: '(\\d{1,2})',
  dd: '(\\d{2})',
  d: '(\\d{1,2})',
  HH: '(\\d{2})',
  H: '(\\d{1,2})',
  mm: '(\\d{2})',
  ss: '(\\d{2})',
};
const FIELD_OF: Record<Token, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'> = {
  yyyy: 'year',
  MM: 'month',
  M: 'month',
  dd: 'day',
  d: 'day',
  HH: 'hour',
  H: 'hour',
  mm: 'minute',
  ss: 'second',
};
const SEPARATORS = new Set(['/', '-', '.', ':', 'T', ' ']);

function isToken(t: string): t is Token {
  return (TOKENS as readonly string[]).includes(t);
}

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

/** True when y-m-d is a real day of the proleptic Gregorian calendar (29/02 only in leap years). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

function isRealTime(p: Parts): boolean {
  return p.hh < 24 && p.mi < 60 && p.ss < 60;
}

function ymd(y: number, m: number, d: number): string {
  const yyyy = y >= 1000 ? String(y) : String(y).padStart(4, '0');
  return yyyy + (m < 10 ? '-0' : '-') + String(m) + (d < 10 ? '-0' : '-') + String(d);
}

/** Splits a format into tokens and separators; throws a plain Error naming what is wrong. */
function tokenize(format: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < format.length) {
    const tok = TOKENS.find((t) => format.startsWith(t, i));
    if (tok !== undefined) {
      out.push(tok);
      i += tok.length;
      continue;
    }
    const ch = format.charAt(i);
    if (!SEPARATORS.has(ch)) throw new Error(`"${ch}" is neither a date token nor a separator`);
    out.push(ch);
    i += 1;
  }
  const fields = out.filter(isToken).map((t) => FIELD_OF[t]);
  if (new Set(fields).size !== fields.length) throw new Error('a date part appears twice');
  for (const need of ['year', 'month', 'day'] as const) {
    if (!fields.includes(need)) throw new Error(`it has no ${need}`);
  }
  return out;
}

function assign(p: Parts, field: (typeof FIELD_OF)[Token], v: number): void {
  switch (field) {
    case 'year':
      p.y = v;
      return;
    case 'month':
      p.m = v;
      return;
    case 'day':
      p.d = v;
      return;
    case 'hour':
      p.hh = v;
      return;
    case 'minute':
      p.mi = v;
      return;
    case 'second':
      p.ss = v;
      return;
  }
}

function patternParser(format: string): (s: string) => Parts | null {
  const parts = tokenize(format);
  const order = parts.filter(isToken);
  const re = new RegExp(
    '^' + parts.map((p) => (isToken(p) ? TOKEN_RE[p] : p === '.' ? '\\.' : p)).join('') + '$',
    'u',
  );
  return (s) => {
    const m = re.exec(s);
    if (m === null) return null;
    const p: Parts = { y: 0, m: 0, d: 0, hh: 0, mi: 0, ss: 0 };
    for (let i = 0; i < order.length; i++) {
      const v = Number(m[i + 1]);
      const t = order[i];
      if (t !== undefined) assign(p, FIELD_OF[t], v);
    }
    return p;
  };
}

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/u;

/** Offset in minutes of "Z", "+07:00", "+0700" or "+07"; null when out of range. */
function offsetMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digitsOnly = zone.slice(1).replace(':', '');
  const h = Number(digitsOnly.slice(0, 2));
  const m = digitsOnly.length > 2 ? Number(digitsOnly.slice(2)) : 0;
  if (h > 14 || m > 59) return null;
  return sign * (h * 60 + m);
}

/** Parses ISO-8601: the Vietnam local date, or why not ('shape' / 'calendar'). */
function parseIso(s: string): { date: string } | 'shape' | 'calendar' {
  const m = ISO_RE.exec(s);
  if (m === null) return 'shape';
  const p: Parts = {
    y: Number(m[1]),
    m: Number(m[2]),
    d: Number(m[3]),
    hh: Number(m[4] ?? 0),
    mi: Number(m[5] ?? 0),
    ss: Number(m[6] ?? 0),
  };
  if (!isRealDate(p.y, p.m, p.d) || !isRealTime(p)) return 'calendar';
  const zone = m[7];
  if (zone === undefined) return { date: ymd(p.y, p.m, p.d) };
  const off = offsetMinutes(zone);
  if (off === null) return 'calendar';
  const instant = Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mi, p.ss) - off * 60_000;
  const vn = new Date(instant + VN_OFFSET_MS);
  return { date: ymd(vn.getUTCFullYear(), vn.getUTCMonth() + 1, vn.getUTCDate()) };
}

/** Checks a date format at load; returns why it is unusable, or null when it is fine. */
export function dateFormatProblem(format: string): string | null {
  if (format === 'iso') return null;
  try {
    tokenize(format);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Builds the `date: <format>` step (the format must have passed dateFormatProblem). */
export function dateStep(format: string): Step {
  const shape = new StepFailure('KNTC_RECORD_BAD_DATE', `does not match the date format ${format}`);
  const calendar = new StepFailure(
    'KNTC_RECORD_BAD_DATE',
    `is not a real calendar date in format ${format}`,
  );
  if (format === 'iso') {
    return (value) => {
      const s = scalarText(value);
      if (s === null) return shape;
      const r = parseIso(s.trim());
      return r === 'shape' ? shape : r === 'calendar' ? calendar : r.date;
    };
  }
  const parse = patternParser(format);
  return (value) => {
    const s = scalarText(value);
    if (s === null) return shape;
    const p = parse(s.trim());
    if (p === null) return shape;
    if (!isRealDate(p.y, p.m, p.d) || !isRealTime(p)) return calendar;
    return ymd(p.y, p.m, p.d);
  };
}
