/**
 * Computes a petition's legal deadlines: for each step that applies, the rule in force when the
 * step started, the due date (working or calendar days on the holiday calendar; a decided
 * extension respected), the days left counted the rule's way, and a status for the dashboard.
 */
import type { WorkingCalendar } from './calendar.ts';
import { dayNumber, isoDate, type DayNumber } from './dates.ts';
import {
  DEADLINE_STEPS,
  inForce,
  scopeMatches,
  specificity,
  type DayKind,
  type DeadlineRule,
  type DeadlineStep,
  type DeadlineSubject,
} from './rules.ts';
import { startDateOf, stepSemantics } from './steps.ts';

/** Where a step stands on `today`. */
export type DeadlineStatus = 'ok' | 'due-soon' | 'overdue' | 'done';

/** How far ahead a due date counts as "due soon" (default: 3 working days). */
export interface DeadlineHorizon {
  readonly days: number;
  readonly dayKind: DayKind;
}

/** The default due-soon horizon. */
export const DEFAULT_HORIZON: DeadlineHorizon = { days: 3, dayKind: 'working' };

/** One step's deadline. Dates are YYYY-MM-DD. */
export interface StepDeadline {
  readonly step: DeadlineStep;
  readonly ruleId: string;
  readonly basis: string;
  readonly dayKind: DayKind;
  readonly startedAt: string;
  /** The due date in force: the legal one, or a later decided extension (settlement.extendedTo). */
  readonly dueAt: string;
  /** The due date the rule gives, before any extension. */
  readonly legalDueAt: string;
  readonly extended: boolean;
  readonly status: DeadlineStatus;
  /** Days from today to dueAt in the rule's day kind (negative when overdue); null when done. */
  readonly daysLeft: number | null;
  readonly completedAt: string | null;
  /** For a done step: completed after dueAt. Null while open. */
  readonly late: boolean | null;
  /** The count crossed a year the calendar does not list or a day it marks unconfirmed. */
  readonly approximate: boolean;
}

/** A rule and the date its step started. */
interface Selected {
  readonly rule: DeadlineRule;
  readonly start: string;
}

/** The rule in force for `step` on the day the step started; the most specific scope wins. */
export function selectRule(
  rules: readonly DeadlineRule[],
  step: DeadlineStep,
  p: DeadlineSubject,
): Selected | undefined {
  let best: Selected | undefined;
  for (const rule of rules) {
    if (rule.step !== step || !scopeMatches(rule.appliesTo, p)) continue;
    const start = startDateOf(p, rule.startsFrom);
    if (start === undefined || !inForce(rule, start)) continue;
    if (best === undefined || specificity(rule.appliesTo) > specificity(best.rule.appliesTo)) {
      best = { rule, start };
    }
  }
  return best;
}

/** The due day a rule gives for a step started on `start`. */
export function legalDueDay(rule: DeadlineRule, start: DayNumber, cal: WorkingCalendar): DayNumber {
  switch (rule.dayKind) {
    case 'working':
      return cal.addWorkingDays(start, rule.days);
    case 'calendar': {
      const end = start + rule.days;
      return rule.lastDayOff === 'next-working-day' ? cal.nextWorkingDay(end) : end;
    }
    default: {
      const never: never = rule.dayKind;
      throw new Error(`Unknown day kind ${String(never)}`);
    }
  }
}

/** Signed days from `today` to `due` counted as `kind` (negative when `due` has passed). */
export function daysBetween(today: DayNumber, due: DayNumber, kind: DayKind, cal: WorkingCalendar) {
  if (kind === 'calendar') return due - today;
  return due >= today ? cal.countWorkingDays(today, due) : -cal.countWorkingDays(due, today);
}

/** The last day that still counts as due soon from `today`. */
export function horizonEnd(today: DayNumber, h: DeadlineHorizon, cal: WorkingCalendar): DayNumber {
  return h.dayKind === 'working' ? cal.addWorkingDays(today, h.days) : today + h.days;
}

function statusOf(today: DayNumber, due: DayNumber, soon: DayNumber): DeadlineStatus {
  if (today > due) return 'overdue';
  return due <= soon ? 'due-soon' : 'ok';
}

function stepDeadline(
  p: DeadlineSubject,
  step: DeadlineStep,
  { rule, start }: Selected,
  cal: WorkingCalendar,
  today: DayNumber,
  soon: DayNumber,
): StepDeadline {
  const sem = stepSemantics(step);
  const startDay = dayNumber(start);
  const legal = legalDueDay(rule, startDay, cal);
  const ext = sem.extendable ? p.settlement?.extendedTo : undefined;
  const due = ext !== undefined && dayNumber(ext) > legal ? dayNumber(ext) : legal;
  const completedAt = sem.doneAt(p) ?? null;
  const open = completedAt === null;
  return {
    step,
    ruleId: rule.id,
    basis: rule.basis,
    dayKind: rule.dayKind,
    startedAt: start,
    dueAt: isoDate(due),
    legalDueAt: isoDate(legal),
    extended: due !== legal,
    status: open ? statusOf(today, due, soon) : 'done',
    daysLeft: open ? daysBetween(today, due, rule.dayKind, cal) : null,
    completedAt,
    late: open ? null : dayNumber(completedAt) > due,
    approximate: cal.isApproximate(startDay, Math.max(due, open ? today : startDay)),
  };
}

/**
 * Deadlines of every step that applies to the petition (steps in their legal order). A step is
 * left out when the petition's state rules it out, its start date is missing, or no rule covers it.
 */
export function computeDeadlines(
  p: DeadlineSubject,
  rules: readonly DeadlineRule[],
  calendar: WorkingCalendar,
  today: string,
  horizon: DeadlineHorizon = DEFAULT_HORIZON,
): StepDeadline[] {
  const todayDay = dayNumber(today);
  const soon = horizonEnd(todayDay, horizon, calendar);
  const out: StepDeadline[] = [];
  for (const step of DEADLINE_STEPS) {
    if (!stepSemantics(step).applies(p)) continue;
    const selected = selectRule(rules, step, p);
    if (selected !== undefined) out.push(stepDeadline(p, step, selected, calendar, todayDay, soon));
  }
  return out;
}
