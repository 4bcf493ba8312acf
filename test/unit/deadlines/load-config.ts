/**
 * Loads the shipped deadline data files once for the unit tests (reading files is fine in unit
 * tests; the core under test only parses text).
 */
import { readFileSync } from 'node:fs';
import { parseHolidayCalendar } from '../../../src/core/deadlines/calendar-file.ts';
import { parseDeadlineRules } from '../../../src/core/deadlines/rules-file.ts';

const dir = new URL('../../../config/deadlines/', import.meta.url);

/** The shipped holiday calendar. */
export const calendar = parseHolidayCalendar(
  readFileSync(new URL('holidays-vn.yaml', dir), 'utf8'),
  'holidays-vn.yaml',
);
/** The shipped deadline rules. */
export const rules = parseDeadlineRules(
  readFileSync(new URL('rules.yaml', dir), 'utf8'),
  'rules.yaml',
);
