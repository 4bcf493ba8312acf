/**
 * When the national database accepts submissions. Provinces reported short reporting windows:
 * outside them every submission is refused. The hub knows the schedule from the deployment file
 * (recurring cron windows in Vietnam time, or explicit date ranges) and learns closures from the
 * national side's own refusals (409 WINDOW_CLOSED with nextWindowOpensAt), and holds pushes
 * until the window opens. No configured schedule means "always open, unless refused".
 */
import { CronExpressionParser } from 'cron-parser';

/** Vietnam has one zone and no daylight saving. */
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';

/** One entry of the configured window schedule. */
export type WindowSpec =
  | { readonly cron: string; readonly hours: number }
  | { readonly from: string; readonly to: string };

/** Whether the national side takes submissions now, and until/from when. */
export interface WindowState {
  readonly open: boolean;
  /** 'always' = no schedule configured and nothing learned. */
  readonly reason: 'always' | 'schedule' | 'learned';
  /** When an open window closes (null: unknown or never). */
  readonly closesAt: Date | null;
  /** When a closed window opens next (null: unknown). */
  readonly opensAt: Date | null;
}

interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Windows of one cron spec that contain `t`, or the next one after it. */
function cronIntervals(spec: { cron: string; hours: number }, t: number): Interval[] {
  const ms = spec.hours * 3600_000;
  const prev = CronExpressionParser.parse(spec.cron, {
    currentDate: new Date(t + 1),
    tz: VIETNAM_TZ,
  })
    .prev()
    .getTime();
  const next = CronExpressionParser.parse(spec.cron, { currentDate: new Date(t), tz: VIETNAM_TZ })
    .next()
    .getTime();
  return [
    { start: prev, end: prev + ms },
    { start: next, end: next + ms },
  ];
}

function intervalsAround(specs: readonly WindowSpec[], t: number): Interval[] {
  return specs.flatMap((s) =>
    'cron' in s ? cronIntervals(s, t) : [{ start: Date.parse(s.from), end: Date.parse(s.to) }],
  );
}

/** The configured schedule alone (nothing learned); an empty schedule is always open. */
export function scheduledState(specs: readonly WindowSpec[], now: Date): WindowState {
  if (specs.length === 0) return { open: true, reason: 'always', closesAt: null, opensAt: null };
  const t = now.getTime();
  const all = intervalsAround(specs, t);
  const containing = all.filter((i) => i.start <= t && t < i.end);
  if (containing.length > 0) {
    const closes = Math.max(...containing.map((i) => i.end));
    return { open: true, reason: 'schedule', closesAt: new Date(closes), opensAt: null };
  }
  const later = all.filter((i) => i.start > t).map((i) => i.start);
  const opensAt = later.length > 0 ? new Date(Math.min(...later)) : null;
  return { open: false, reason: 'schedule', closesAt: null, opensAt };
}

/** The schedule combined with a closure learned from a refusal (closed until `learnedUntil`). */
export function windowState(
  specs: readonly WindowSpec[],
  learnedUntil: Date | null,
  now: Date,
): WindowState {
  if (learnedUntil !== null && learnedUntil.getTime() > now.getTime()) {
    return { open: false, reason: 'learned', closesAt: null, opensAt: learnedUntil };
  }
  return scheduledState(specs, now);
}

/** Checks the schedule's entries; returns one readable problem per bad entry. */
export function checkWindowSpecs(specs: readonly WindowSpec[]): string[] {
  return specs.flatMap((s, i) => {
    if ('cron' in s) {
      try {
        CronExpressionParser.parse(s.cron, { tz: VIETNAM_TZ });
        return [];
      } catch (err) {
        return [`national.windows[${i}].cron: ${err instanceof Error ? err.message : String(err)}`];
      }
    }
    const from = Date.parse(s.from);
    const to = Date.parse(s.to);
    if (Number.isNaN(from) || Number.isNaN(to) || from >= to) {
      return [`national.windows[${i}]: from/to must be ISO timestamps with from before to`];
    }
    return [];
  });
}
