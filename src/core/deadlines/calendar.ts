/**
 * The working calendar deadlines are counted on: weekly rest days, public holidays (with the
 * compensatory days off and bridge days the government grants public servants) and swapped
 * working days (a Saturday worked to make up for a bridge day). The data comes from
 * config/deadlines/holidays-vn.yaml; this module only answers questions about days.
 */
import { dayNumber, weekday, yearOf, type DayNumber } from './dates.ts';

/** Weekday codes as written in the calendar file. */
export const WEEKDAY_CODES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
/** A weekday code. */
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** One listed day of the calendar (a day off or a swapped working day). */
export interface CalendarDay {
  readonly date: string;
  readonly name: string;
  /** False when the date is an assumption (not yet decided, or not verified against the decision). */
  readonly confirmed: boolean;
}

/** A parsed holiday calendar, as the file says it (day ranges expanded to single days). */
export interface HolidayCalendarDef {
  readonly name: string;
  readonly weekend: readonly WeekdayCode[];
  /** Years the file lists completely; outside them only weekends are known. */
  readonly years: readonly number[];
  readonly daysOff: readonly CalendarDay[];
  readonly workingDays: readonly CalendarDay[];
}

/** Working-day arithmetic over a holiday calendar. */
export interface WorkingCalendar {
  readonly def: HolidayCalendarDef;
  /** True when public servants work on this day. */
  isWorkingDay(day: DayNumber): boolean;
  /** The first working day on or after `day`. */
  nextWorkingDay(day: DayNumber): DayNumber;
  /** The n-th working day after `day` (the start day itself is not counted; n = 0 gives `day`). */
  addWorkingDays(day: DayNumber, n: number): DayNumber;
  /** Number of working days d with from < d ≤ to (0 when to ≤ from). */
  countWorkingDays(from: DayNumber, to: DayNumber): number;
  /** True when [from, to] reaches a year the file does not list or a day marked unconfirmed. */
  isApproximate(from: DayNumber, to: DayNumber): boolean;
}

function countIn(sorted: readonly DayNumber[], from: DayNumber, to: DayNumber): number {
  let n = 0;
  for (const d of sorted) if (d > from && d <= to) n += 1;
  return n;
}

/** Builds the day-level index of a calendar definition. */
export function buildWorkingCalendar(def: HolidayCalendarDef): WorkingCalendar {
  const weekend = new Set(def.weekend.map((c) => WEEKDAY_CODES.indexOf(c)));
  const off = new Set(def.daysOff.map((d) => dayNumber(d.date)));
  const work = new Set(def.workingDays.map((d) => dayNumber(d.date)));
  const sorted = (xs: Iterable<DayNumber>) => [...xs].sort((a, b) => a - b);
  // Days that change the plain weekday count: days off on weekdays, worked weekend days.
  const offWeekdays = sorted([...off].filter((d) => !weekend.has(weekday(d))));
  const workWeekends = sorted([...work].filter((d) => weekend.has(weekday(d))));
  const unconfirmed = sorted(
    [...def.daysOff, ...def.workingDays].filter((d) => !d.confirmed).map((d) => dayNumber(d.date)),
  );
  const years = new Set(def.years);
  const perWeek = 7 - weekend.size;

  const isWorkingDay = (day: DayNumber): boolean =>
    work.has(day) || (!off.has(day) && !weekend.has(weekday(day)));

  const plainWeekdays = (from: DayNumber, to: DayNumber): number => {
    const span = to - from;
    let n = Math.floor(span / 7) * perWeek;
    for (let d = from + Math.floor(span / 7) * 7 + 1; d <= to; d += 1) {
      if (!weekend.has(weekday(d))) n += 1;
    }
    return n;
  };

  const calendar: WorkingCalendar = {
    def,
    isWorkingDay,
    nextWorkingDay(day) {
      let d = day;
      // A calendar file cannot list more than a few weeks of consecutive days off.
      for (let guard = 0; guard < 366 && !isWorkingDay(d); guard += 1) d += 1;
      return d;
    },
    addWorkingDays(day, n) {
      let d = day;
      let left = n;
      for (let guard = 0; left > 0 && guard < n * 7 + 366; guard += 1) {
        d += 1;
        if (isWorkingDay(d)) left -= 1;
      }
      return d;
    },
    countWorkingDays(from, to) {
      if (to <= from) return 0;
      return (
        plainWeekdays(from, to) - countIn(offWeekdays, from, to) + countIn(workWeekends, from, to)
      );
    },
    isApproximate(from, to) {
      for (let y = yearOf(from); y <= yearOf(to); y += 1) if (!years.has(y)) return true;
      return countIn(unconfirmed, from - 1, to) > 0;
    },
  };
  return calendar;
}
