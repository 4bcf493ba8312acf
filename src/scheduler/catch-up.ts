/**
 * Decides whether a source missed a scheduled run while the hub was down: true when the cron
 * expression's most recent fire time (in Asia/Ho_Chi_Minh) is after the source's last run.
 */
import { CronExpressionParser } from 'cron-parser';

/** The zone every schedule is read in: local systems and inspectors work on Vietnam time. */
export const SCHEDULE_TZ = 'Asia/Ho_Chi_Minh';

/** The last time `expression` fired at or before `now`. */
export function previousFire(expression: string, now: Date): Date {
  const interval = CronExpressionParser.parse(expression, { currentDate: now, tz: SCHEDULE_TZ });
  return interval.prev().toDate();
}

/** True when a run was due since `lastRunAt` (or the source never ran). */
export function missedRun(expression: string, lastRunAt: Date | null, now: Date): boolean {
  if (lastRunAt === null) return true;
  return previousFire(expression, now).getTime() > lastRunAt.getTime();
}
