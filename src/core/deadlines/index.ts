/**
 * Legal deadlines of petitions (pure core, no I/O): rules and the holiday calendar are parsed
 * from text by the callers that read config/deadlines/*.yaml.
 */
export { computeDeadlines, DEFAULT_HORIZON, selectRule } from './compute.ts';
export type { DeadlineHorizon, DeadlineStatus, StepDeadline } from './compute.ts';
export { parseHolidayCalendar } from './calendar-file.ts';
export type { CalendarDay, HolidayCalendarDef, WorkingCalendar } from './calendar.ts';
export { parseDeadlineRules } from './rules-file.ts';
export { DEADLINE_STEPS } from './rules.ts';
export type { DayKind, DeadlineRule, DeadlineStep, DeadlineSubject, RuleScope } from './rules.ts';
