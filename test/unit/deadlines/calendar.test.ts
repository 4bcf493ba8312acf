import { describe, expect, it } from 'vitest';
import { parseHolidayCalendar } from '../../../src/core/deadlines/calendar-file.ts';
import { dayNumber, isoDate, weekday } from '../../../src/core/deadlines/dates.ts';
import { HubError } from '../../../src/lib/errors.ts';
import { calendar } from './load-config.ts';

const d = dayNumber;
const working = (iso: string) => calendar.isWorkingDay(d(iso));

describe('dates', () => {
  it('counts whole days and knows the weekday', () => {
    expect(isoDate(d('2024-02-29') + 1)).toBe('2024-03-01');
    expect(weekday(d('2025-01-24'))).toBe(5); // Friday
    expect(() => d('2025-02-29')).toThrow(RangeError);
  });
});

describe('the Vietnamese holiday calendar', () => {
  it('knows weekends, fixed holidays and Tết ranges', () => {
    expect(working('2025-01-24')).toBe(true); // Friday before Tết Ất Tỵ
    for (const day of ['2025-01-27', '2025-01-29', '2025-01-31', '2025-02-01']) {
      expect(working(day)).toBe(false);
    }
    expect(working('2025-02-03')).toBe(true);
    expect(working('2024-02-14')).toBe(false); // last day of Tết Giáp Thìn
    expect(working('2024-02-15')).toBe(true);
    expect(working('2025-04-07')).toBe(false); // Giỗ Tổ
    expect(working('2025-09-01')).toBe(false); // day adjacent to Quốc khánh
    expect(working('2026-04-27')).toBe(false); // compensatory day for Giỗ Tổ on a Sunday
  });

  it('treats a swapped Saturday as a working day and its bridge day as a day off', () => {
    expect(working('2025-04-26')).toBe(true);
    expect(working('2025-05-02')).toBe(false);
    expect(working('2024-05-04')).toBe(true);
    expect(working('2024-04-29')).toBe(false);
    expect(working('2026-01-10')).toBe(true);
    expect(working('2025-04-19')).toBe(false); // an ordinary Saturday
  });

  it('adds and counts working days across the swap', () => {
    // Thu 24/4/2025 + 7 working days: 25, Sat 26 (worked), 28, 29, then 5, 6, 7 May.
    expect(isoDate(calendar.addWorkingDays(d('2025-04-24'), 7))).toBe('2025-05-07');
    expect(calendar.countWorkingDays(d('2025-04-24'), d('2025-05-07'))).toBe(7);
    expect(calendar.countWorkingDays(d('2025-05-07'), d('2025-04-24'))).toBe(0);
    expect(isoDate(calendar.nextWorkingDay(d('2025-01-30')))).toBe('2025-02-03');
  });

  it('counts long spans like a day-by-day walk', () => {
    const from = d('2023-12-20');
    let walked = 0;
    for (let day = from + 1; day <= d('2027-12-31'); day += 1) {
      if (calendar.isWorkingDay(day)) walked += 1;
    }
    expect(calendar.countWorkingDays(from, d('2027-12-31'))).toBe(walked);
  });

  it('flags spans reaching unlisted years or unconfirmed days as approximate', () => {
    expect(calendar.isApproximate(d('2025-01-01'), d('2025-12-31'))).toBe(false);
    expect(calendar.isApproximate(d('2027-02-01'), d('2027-02-20'))).toBe(true); // Tết 2027 assumed
    expect(calendar.isApproximate(d('2027-03-01'), d('2027-03-31'))).toBe(false);
    expect(calendar.isApproximate(d('2028-01-05'), d('2028-01-20'))).toBe(true);
  });
});

describe('parseHolidayCalendar', () => {
  const parse = (yaml: string) => parseHolidayCalendar(yaml, 'test.yaml');
  const problems = (yaml: string): string => {
    try {
      parse(yaml);
    } catch (err) {
      expect(err).toBeInstanceOf(HubError);
      expect((err as HubError).code).toBe('KNTC_CONFIG_INVALID');
      return (err as HubError).message;
    }
    throw new Error('expected the calendar to be refused');
  };

  it('lists every problem with its place', () => {
    const message = problems(`
name: t
weekend: [SAT, SUN]
years:
  - year: 2025
    daysOff:
      - { from: 2025-02-30, name: impossible }
      - { from: 2025-03-10, to: 2025-03-01, name: backwards }
    workingDays:
      - { date: 2025-04-28, name: a Monday }
  - year: 2025
    daysOff: []
`);
    expect(message).toContain('test.yaml');
    expect(message).toContain('/years/0/daysOff/0');
    expect(message).toContain('/years/0/daysOff/1');
    expect(message).toContain('2025-04-28 is not a weekend day');
    expect(message).toContain('year 2025 is listed twice');
  });

  it('refuses unknown keys and unknown weekdays', () => {
    expect(problems('name: t\nweekend: [SAT, SUNDAY]\nyears: []\n')).toContain('/weekend/1');
    expect(problems('name: t\nweekend: [SAT]\nyears: []\nextra: 1\n')).toContain('"extra"');
    expect(problems('name: [unclosed\n')).toContain('YAML error');
  });

  it('refuses a day both off and worked', () => {
    const yaml = `
name: t
weekend: [SAT, SUN]
years:
  - year: 2025
    daysOff: [{ from: 2025-04-26, name: off }]
    workingDays: [{ date: 2025-04-26, name: worked }]
`;
    expect(problems(yaml)).toContain('both as a day off and a working day');
  });
});
