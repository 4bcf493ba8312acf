/**
 * The holiday calendar file (config/deadlines/holidays-vn.yaml): its JSON Schema, and the parser
 * that turns its text into a WorkingCalendar after checking what a schema cannot (real dates,
 * each date inside its year, a swapped working day falling on a weekend day, no day both off and
 * worked).
 */
import {
  WEEKDAY_CODES,
  buildWorkingCalendar,
  type CalendarDay,
  type WorkingCalendar,
} from './calendar.ts';
import { compileFileSchema, fileInvalid, parseDataFile } from './config-file.ts';
import { isoDate, tryDayNumber, weekday, yearOf } from './dates.ts';

const dateText = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const label = { type: 'string', minLength: 1, maxLength: 300 } as const;

/** JSON Schema of the holiday calendar file. */
export const holidayFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'weekend', 'years'],
  properties: {
    name: label,
    weekend: {
      type: 'array',
      uniqueItems: true,
      maxItems: 3,
      items: { enum: [...WEEKDAY_CODES] },
    },
    years: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['year', 'daysOff'],
        properties: {
          year: { type: 'integer', minimum: 2000, maximum: 2100 },
          daysOff: { type: 'array', items: { $ref: '#/$defs/range' } },
          workingDays: { type: 'array', items: { $ref: '#/$defs/day' } },
        },
      },
    },
  },
  $defs: {
    range: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'name'],
      properties: {
        from: dateText,
        to: dateText,
        name: label,
        basis: label,
        confirmed: { type: 'boolean' },
        note: label,
      },
    },
    day: {
      type: 'object',
      additionalProperties: false,
      required: ['date', 'name'],
      properties: {
        date: dateText,
        name: label,
        basis: label,
        confirmed: { type: 'boolean' },
        note: label,
      },
    },
  },
} as const;

interface RangeEntry {
  from: string;
  to?: string;
  name: string;
  confirmed?: boolean;
}
interface DayEntry {
  date: string;
  name: string;
  confirmed?: boolean;
}
interface HolidayFile {
  name: string;
  weekend: (typeof WEEKDAY_CODES)[number][];
  years: { year: number; daysOff: RangeEntry[]; workingDays?: DayEntry[] }[];
}

const validate = compileFileSchema<HolidayFile>(holidayFileSchema);

function expandRange(e: RangeEntry, year: number, at: string, problems: string[]): CalendarDay[] {
  const from = tryDayNumber(e.from);
  const to = tryDayNumber(e.to ?? e.from);
  if (from === undefined || to === undefined || to < from || to - from > 31) {
    problems.push(
      `${at}: "${e.from}".."${e.to ?? e.from}" is not a range of real dates (≤ 32 days)`,
    );
    return [];
  }
  if (yearOf(from) !== year && yearOf(to) !== year) problems.push(`${at}: not in year ${year}`);
  const days: CalendarDay[] = [];
  for (let d = from; d <= to; d += 1) {
    days.push({ date: isoDate(d), name: e.name, confirmed: e.confirmed ?? true });
  }
  return days;
}

/** Parses and checks the holiday calendar file; throws KNTC_CONFIG_INVALID listing every problem. */
export function parseHolidayCalendar(yamlText: string, file = 'holidays-vn.yaml'): WorkingCalendar {
  const data = parseDataFile(yamlText, file, validate);
  const problems: string[] = [];
  const weekend = new Set(data.weekend.map((c) => WEEKDAY_CODES.indexOf(c)));
  const daysOff: CalendarDay[] = [];
  const workingDays: CalendarDay[] = [];
  const seenYears = new Set<number>();
  data.years.forEach((y, i) => {
    if (seenYears.has(y.year)) problems.push(`/years/${i}: year ${y.year} is listed twice`);
    seenYears.add(y.year);
    y.daysOff.forEach((e, j) => {
      daysOff.push(...expandRange(e, y.year, `/years/${i}/daysOff/${j}`, problems));
    });
    (y.workingDays ?? []).forEach((e, j) => {
      const at = `/years/${i}/workingDays/${j}`;
      const d = tryDayNumber(e.date);
      if (d === undefined || yearOf(d) !== y.year)
        problems.push(`${at}: "${e.date}" not in ${y.year}`);
      else if (!weekend.has(weekday(d))) problems.push(`${at}: ${e.date} is not a weekend day`);
      else workingDays.push({ date: e.date, name: e.name, confirmed: e.confirmed ?? true });
    });
  });
  const off = new Set(daysOff.map((d) => d.date));
  for (const w of workingDays) {
    if (off.has(w.date)) problems.push(`${w.date} is listed both as a day off and a working day`);
  }
  if (problems.length > 0) throw fileInvalid(file, problems);
  return buildWorkingCalendar({
    name: data.name,
    weekend: data.weekend,
    years: [...seenYears].sort((a, b) => a - b),
    daysOff,
    workingDays,
  });
}
