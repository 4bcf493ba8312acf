/**
 * Legal deadline rules as data: which step of a petition's life a rule times, which petitions it
 * covers, the date it counts from, how many days (working or calendar), its legal basis and the
 * dates it is in force. A petition keeps the rule in force on the day its step started, so the
 * amendments of Law 136/2025/QH15 (from 1/7/2026) apply only to steps starting from then on.
 */
import type { Petition } from '../petition-schema.ts';

/** Steps a deadline can time (their meaning is fixed in steps.ts; durations are data). */
export const DEADLINE_STEPS = [
  'handle',
  'accept-complaint',
  'settle-complaint-1',
  'settle-complaint-2',
  'accept-denunciation',
  'transfer-denunciation',
  'settle-denunciation',
] as const;
/** A step a deadline can time. */
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/** Dates of the canonical record a deadline can count from. */
export const START_DATES = [
  'receipt.receivedAt',
  'receipt.writtenAt',
  'handling.decidedAt',
  'settlement.acceptedAt',
] as const;
/** A date of the canonical record a deadline can count from. */
export type StartDate = (typeof START_DATES)[number];

/** How a rule counts days. */
export const DAY_KINDS = ['working', 'calendar'] as const;
/** How a rule counts days. */
export type DayKind = (typeof DAY_KINDS)[number];

/**
 * What happens when a calendar-day deadline ends on a day off: `next-working-day` moves it to
 * the next working day (Civil Code 2015 art. 148(5)), `keep` leaves it.
 */
export const LAST_DAY_POLICIES = ['next-working-day', 'keep'] as const;
/** What happens when a calendar-day deadline ends on a day off. */
export type LastDayPolicy = (typeof LAST_DAY_POLICIES)[number];

/** The petitions a rule covers; an absent condition matches every petition. */
export interface RuleScope {
  readonly kinds?: readonly Petition['kind'][];
  /** Complaint round; a record without settlement.round counts as round 1. */
  readonly rounds?: readonly (1 | 2)[];
  /** settlement.complex (absent = false). */
  readonly complex?: boolean;
  /** settlement.remoteArea (absent = false). */
  readonly remoteArea?: boolean;
}

/** One legal deadline rule. */
export interface DeadlineRule {
  readonly id: string;
  readonly step: DeadlineStep;
  readonly appliesTo: RuleScope;
  readonly startsFrom: StartDate;
  readonly days: number;
  readonly dayKind: DayKind;
  readonly lastDayOff: LastDayPolicy;
  /** Legal basis as shown to inspectors, e.g. "Luật Khiếu nại 2011, điều 28 khoản 1". */
  readonly basis: string;
  /** First day (YYYY-MM-DD) a step may start and be timed by this rule. */
  readonly effectiveFrom: string;
  /** Last day (inclusive) a step may start and be timed by this rule; absent = still in force. */
  readonly effectiveTo?: string;
  readonly note?: string;
}

/** The parts of a petition deadlines look at (a full Petition fits). */
export type DeadlineSubject = Pick<Petition, 'kind' | 'receipt' | 'handling' | 'settlement'>;

/** Number of conditions a scope sets: the more specific rule wins when several match. */
export function specificity(scope: RuleScope): number {
  return (
    (scope.kinds === undefined ? 0 : 1) +
    (scope.rounds === undefined ? 0 : 1) +
    (scope.complex === undefined ? 0 : 1) +
    (scope.remoteArea === undefined ? 0 : 1)
  );
}

/** True when the rule's scope covers the petition. */
export function scopeMatches(scope: RuleScope, p: DeadlineSubject): boolean {
  const s = p.settlement;
  return (
    (scope.kinds === undefined || scope.kinds.includes(p.kind)) &&
    (scope.rounds === undefined || scope.rounds.includes(s?.round ?? 1)) &&
    (scope.complex === undefined || scope.complex === (s?.complex ?? false)) &&
    (scope.remoteArea === undefined || scope.remoteArea === (s?.remoteArea ?? false))
  );
}

/** True when a step starting on `start` (YYYY-MM-DD) falls inside the rule's effective dates. */
export function inForce(rule: DeadlineRule, start: string): boolean {
  return (
    rule.effectiveFrom <= start && (rule.effectiveTo === undefined || start <= rule.effectiveTo)
  );
}
