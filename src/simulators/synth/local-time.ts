/**
 * Vietnam local time (Asia/Ho_Chi_Minh, UTC+7 all year: no daylight saving) for synthetic
 * records, which carry local dates (dd/MM/yyyy) and ISO timestamps with a +07:00 offset.
 */

/** Offset of Vietnam local time from UTC, in milliseconds. */
export const VN_OFFSET_MS = 7 * 3600 * 1000;
/** One day in milliseconds. */
export const DAY_MS = 24 * 3600 * 1000;

/** A calendar date. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The Vietnam-local calendar date of an instant. */
export function vnDate(instantMs: number): CalendarDate {
  const d = new Date(instantMs + VN_OFFSET_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Writes a calendar date as dd/MM/yyyy (no validity check: impossible dates are wanted too). */
export function formatDdMmYyyy(date: CalendarDate): string {
  return `${pad(date.day)}/${pad(date.month)}/${pad(date.year, 4)}`;
}

/** Writes a calendar date as YYYY-MM-DD. */
export function formatIsoDate(date: CalendarDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Writes an instant as Vietnam local time with offset, second precision: "2026-10-20T09:15:00+07:00". */
export function formatVnTimestamp(instantMs: number): string {
  const iso = new Date(Math.floor(instantMs / 1000) * 1000 + VN_OFFSET_MS).toISOString();
  return `${iso.slice(0, 19)}+07:00`;
}

/** True when year, month and day name a real calendar day. */
export function isRealDate(date: CalendarDate): boolean {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return (
    d.getUTCFullYear() === date.year &&
    d.getUTCMonth() === date.month - 1 &&
    d.getUTCDate() === date.day
  );
}
