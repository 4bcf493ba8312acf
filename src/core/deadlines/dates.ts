/**
 * Calendar-date arithmetic on day numbers (days since 1970-01-01). Petition dates are calendar
 * days in Vietnam local time with no instant attached, so counting whole UTC days is exact and
 * never shifts across a time zone or a daylight-saving change.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day number: whole days since 1970-01-01. */
export type DayNumber = number;

/** Day number of a YYYY-MM-DD date, or undefined when the text is not a real calendar date. */
export function tryDayNumber(iso: string): DayNumber | undefined {
  const m = ISO_DATE.exec(iso);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return undefined;
  }
  return ms / MS_PER_DAY;
}

/** Day number of a YYYY-MM-DD date; throws RangeError on anything else (callers validate first). */
export function dayNumber(iso: string): DayNumber {
  const n = tryDayNumber(iso);
  if (n === undefined) throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${iso}"`);
  return n;
}

/** YYYY-MM-DD of a day number. */
export function isoDate(day: DayNumber): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Day of the week: 0 Sunday … 6 Saturday. */
export function weekday(day: DayNumber): number {
  // 1970-01-01 was a Thursday (4).
  return (((day + 4) % 7) + 7) % 7;
}

/** Gregorian year of a day number. */
export function yearOf(day: DayNumber): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}
