/**
 * What the overview shows, as data (the HTML page and the JSON API both render it): each source's
 * state, last success, next run, counts for today, the current reporting period and the last 30
 * days, and the national window panel (overview-windows.ts). Days are Vietnam calendar days. The
 * per-source "period" row is the calendar quarter; the window panel uses the configured reporting
 * periods (Circular 06/2025 cut-off dates are not confirmed, so they are configuration).
 */
import { CronExpressionParser } from 'cron-parser';
import type pg from 'pg';
import {
  dailyCounts,
  overviewSources,
  periodCounts,
  ZERO_COUNTS,
  type DayCounts,
  type OverviewSourceRow,
} from '../../store/dashboard-repo.ts';
import { sourceState, type SourceState } from '../../core/source-state.ts';
import {
  readWindowInputs,
  windowPanel,
  type NationalWindowDeps,
  type WindowPanel,
} from './overview-windows.ts';

/** What the overview reads. */
export interface OverviewDeps {
  readonly pool: pg.Pool;
  /** Cron expression of each source (Asia/Ho_Chi_Minh), for "next run" and "late". */
  readonly schedules?: ReadonlyMap<string, string>;
  /** Reporting periods, at-risk horizon and submission window of the national push. */
  readonly national?: NationalWindowDeps;
}

/** The overview's state of a source: the store's state, plus 'late'. */
export type OverviewState = SourceState | 'late';

/** One source on the overview. */
export interface OverviewSource {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly state: OverviewState;
  readonly lastSuccessAt: string | null;
  readonly nextRunAt: string | null;
  readonly lastErrorCode: string | null;
  readonly today: DayCounts;
  readonly period: DayCounts;
  /** Submissions to the national database, all time (outbox_counts). */
  readonly totals: {
    readonly pushed: number;
    readonly pending: number;
    readonly acknowledged: number;
    readonly deadLettered: number;
  };
  /** 30 entries, oldest first, aligned with Overview.days. */
  readonly last30: readonly DayCounts[];
}

/** The whole overview. */
export interface Overview {
  readonly today: string;
  readonly periodFrom: string;
  readonly days: readonly string[];
  readonly sources: readonly OverviewSource[];
  readonly windows: WindowPanel;
}

const VN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** The Vietnam calendar day (YYYY-MM-DD) of an instant. */
export function vnDay(at: Date): string {
  return VN_DAY.format(at);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function quarterStart(day: string): string {
  const month = Number(day.slice(5, 7));
  const first = Math.floor((month - 1) / 3) * 3 + 1;
  return `${day.slice(0, 4)}-${String(first).padStart(2, '0')}-01`;
}

function schedule(cron: string | undefined, now: Date): { next: Date; prev2: Date } | null {
  if (cron === undefined) return null;
  try {
    const opts = { tz: 'Asia/Ho_Chi_Minh', currentDate: now };
    const next = CronExpressionParser.parse(cron, opts).next().toDate();
    const back = CronExpressionParser.parse(cron, opts);
    back.prev();
    return { next, prev2: back.prev().toDate() };
  } catch {
    return null;
  }
}

/** Late: healthy or running, and no success since two scheduled runs ago. */
function stateOf(s: OverviewSourceRow, prev2: Date | null): OverviewState {
  const state = sourceState(s);
  if ((state !== 'healthy' && state !== 'running') || prev2 === null) return state;
  const last = s.lastSuccessAt === null ? 0 : Date.parse(s.lastSuccessAt);
  return last < prev2.getTime() ? 'late' : state;
}

/** Builds the overview at `now`. */
export async function buildOverview(deps: OverviewDeps, now = new Date()): Promise<Overview> {
  const today = vnDay(now);
  const from30 = addDays(today, -29);
  const periodFrom = quarterStart(today);
  const [sources, daily, period, reads] = await Promise.all([
    overviewSources(deps.pool),
    dailyCounts(deps.pool, from30, today),
    periodCounts(deps.pool, periodFrom, today),
    readWindowInputs(deps.pool, deps.national, now, today),
  ]);
  const windows = windowPanel(deps.national, reads, {
    now,
    today,
    pendingTotal: sources.reduce((n, s) => n + s.pending, 0),
  });
  const days = Array.from({ length: 30 }, (_, i) => addDays(from30, i));
  const byKey = new Map(daily.map((d) => [`${d.sourceId} ${d.day}`, d as DayCounts]));
  return {
    today,
    periodFrom,
    days,
    windows,
    sources: sources.map((s) => {
      const sched = schedule(deps.schedules?.get(s.id), now);
      const last30 = days.map((d) => byKey.get(`${s.id} ${d}`) ?? ZERO_COUNTS);
      return {
        id: s.id,
        name: s.name,
        kind: s.kind,
        state: stateOf(s, sched?.prev2 ?? null),
        lastSuccessAt: s.lastSuccessAt,
        nextRunAt: s.paused || !s.enabled ? null : (sched?.next.toISOString() ?? null),
        lastErrorCode: s.lastFinishedStatus === 'failed' ? s.lastErrorCode : null,
        today: last30[29] ?? ZERO_COUNTS,
        period: period.get(s.id) ?? ZERO_COUNTS,
        totals: {
          pushed: s.pushed,
          pending: s.pending,
          acknowledged: s.acknowledged,
          deadLettered: s.deadLettered,
        },
        last30,
      };
    }),
  };
}
