/**
 * The overview's national window panel: whether the national database takes submissions now
 * (schedule and closures learned from its refusals) and, per reporting period (Circular
 * 06/2025/TT-TTCP, src/national/periods.ts), when its window closes and how the push stands.
 *
 * Query cost stays bounded (the overview is measured with 1,000,000 petitions, bench/dashboard.ts):
 * - sent / acknowledged / dead-lettered are what happened on the days of the previous and the
 *   current period, summed from source_daily_counts (one row per source and day, kept by triggers);
 * - pending and at risk are counted by the period the petition belongs to (its receipt date),
 *   from at most PENDING_CAP pending submissions, oldest first; beyond that they are lower bounds
 *   (`complete` false) and the exact pending total comes from outbox_counts.
 * GET /api/v1/submissions/summary has exact per-period figures by receipt date, at full-scan cost.
 */
import type pg from 'pg';
import {
  DEFAULT_PERIODS,
  periodOf,
  type PeriodConfig,
  type ReportingPeriod,
} from '../../national/periods.ts';
import { windowState, type WindowState } from '../../national/windows.ts';
import {
  countsBetween,
  pendingByReceiptDay,
  type PendingDay,
  type RangeCounts,
} from '../../store/window-panel-repo.ts';
import { learnedClosure } from '../../store/window-state-repo.ts';

/** Pending submissions read at most per overview. */
export const PENDING_CAP = 200;
/** At-risk horizon when the deployment does not say (config national.atRiskHours default). */
const DEFAULT_AT_RISK_HOURS = 72;

/** What the panel needs from the national push (absent: default periods, learned closures only). */
export interface NationalWindowDeps {
  readonly periods: PeriodConfig;
  readonly atRiskHours: number;
  readonly window: () => Promise<WindowState>;
}

/** Where a period's national window stands. */
export type PeriodWindowState = 'open' | 'closing' | 'closed';

/** One reporting period on the panel. */
export interface PeriodRow {
  readonly key: string;
  /** First and last day of data (YYYY-MM-DD). */
  readonly from: string;
  readonly cutoff: string;
  readonly closesAt: string;
  readonly state: PeriodWindowState;
  /** On the period's days (null for older periods, which the panel does not sum). */
  readonly sent: number | null;
  readonly acknowledged: number | null;
  readonly deadLettered: number | null;
  /** Of petitions received in the period (lower bounds when the panel is not complete). */
  readonly pending: number;
  readonly atRisk: number;
}

/** The whole panel. */
export interface WindowPanel {
  readonly national: {
    readonly open: boolean;
    readonly reason: WindowState['reason'];
    readonly opensAt: string | null;
    readonly closesAt: string | null;
  };
  readonly atRiskHours: number;
  readonly periods: readonly PeriodRow[];
  /** Pending submissions in all (exact, outbox_counts). */
  readonly pendingTotal: number;
  /** Pending and at-risk figures cover every pending submission. */
  readonly complete: boolean;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The first day of the period that `cutoff` ends: the day after the previous cut-off. */
function periodStart(cutoff: string, cfg: PeriodConfig): string {
  const year = Number(cutoff.slice(0, 4));
  const cuts = [year - 1, year].flatMap((y) =>
    Object.values(cfg.cutoffs).map((md) => `${y}-${md}`),
  );
  const previous =
    cuts
      .filter((c) => c < cutoff)
      .sort()
      .at(-1) ?? `${year - 1}-12-31`;
  return addDays(previous, 1);
}

function stateOf(closesAt: Date, now: Date, hours: number): PeriodWindowState {
  const left = closesAt.getTime() - now.getTime();
  if (left <= 0) return 'closed';
  return left <= hours * 3600_000 ? 'closing' : 'open';
}

/** The previous and the current reporting period of a day. */
function recentPeriods(today: string, cfg: PeriodConfig): ReportingPeriod[] {
  const current = periodOf(today, cfg);
  return [periodOf(addDays(periodStart(current.cutoff, cfg), -1), cfg), current];
}

/** What the panel reads: the window state, the pending sample and the recent periods' totals. */
export interface WindowReads {
  readonly window: WindowState;
  readonly pending: readonly PendingDay[];
  readonly counts: ReadonlyMap<string, RangeCounts>;
}

/** Reads what the panel shows (three small queries; run it alongside the overview's own). */
export async function readWindowInputs(
  pool: pg.Pool,
  national: NationalWindowDeps | undefined,
  now: Date,
  today: string,
): Promise<WindowReads> {
  const cfg = national?.periods ?? DEFAULT_PERIODS;
  const ranges = recentPeriods(today, cfg).map((p) => ({
    key: p.key,
    from: periodStart(p.cutoff, cfg),
    to: p.cutoff,
  }));
  const [window, pending, counts] = await Promise.all([
    national === undefined
      ? learnedClosure(pool, now).then((until) => windowState([], until, now))
      : national.window(),
    pendingByReceiptDay(pool, PENDING_CAP),
    countsBetween(pool, ranges),
  ]);
  return { window, pending, counts };
}

interface Inputs extends WindowReads {
  readonly now: Date;
  readonly today: string;
  readonly cfg: PeriodConfig;
  readonly hours: number;
}

function periodRow(i: Inputs, p: ReportingPeriod): PeriodRow {
  const counts = i.counts.get(p.key);
  const pending = i.pending
    .filter((d) => periodOf(d.receivedOn, i.cfg).key === p.key)
    .reduce((n, d) => n + d.count, 0);
  const atRisk = p.closesAt.getTime() - i.now.getTime() <= i.hours * 3600_000 ? pending : 0;
  return {
    key: p.key,
    from: periodStart(p.cutoff, i.cfg),
    cutoff: p.cutoff,
    closesAt: p.closesAt.toISOString(),
    state: stateOf(p.closesAt, i.now, i.hours),
    sent: counts?.pushed ?? null,
    acknowledged: counts?.acknowledged ?? null,
    deadLettered: counts?.deadLettered ?? null,
    pending,
    atRisk,
  };
}

/** The previous and current period, and any older one that still has pending submissions. */
function periodRows(i: Inputs): PeriodRow[] {
  const periods = new Map(recentPeriods(i.today, i.cfg).map((p) => [p.key, p]));
  for (const d of i.pending) {
    const p = periodOf(d.receivedOn, i.cfg);
    if (!periods.has(p.key)) periods.set(p.key, p);
  }
  return [...periods.values()]
    .sort((a, b) => a.cutoff.localeCompare(b.cutoff))
    .map((p) => periodRow(i, p));
}

/** The panel at `now` (`today` its Vietnam day); `pendingTotal` is the exact pending count. */
export function windowPanel(
  national: NationalWindowDeps | undefined,
  reads: WindowReads,
  at: { now: Date; today: string; pendingTotal: number },
): WindowPanel {
  const cfg = national?.periods ?? DEFAULT_PERIODS;
  const hours = national?.atRiskHours ?? DEFAULT_AT_RISK_HOURS;
  const w = reads.window;
  const sampled = reads.pending.reduce((n, d) => n + d.count, 0);
  return {
    national: {
      open: w.open,
      reason: w.reason,
      opensAt: w.opensAt?.toISOString() ?? null,
      closesAt: w.closesAt?.toISOString() ?? null,
    },
    atRiskHours: hours,
    periods: periodRows({ ...reads, now: at.now, today: at.today, cfg, hours }),
    pendingTotal: at.pendingTotal,
    complete: sampled < PENDING_CAP,
  };
}
