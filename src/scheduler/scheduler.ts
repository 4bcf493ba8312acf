/**
 * Triggers each enabled source's pull on its cron expression, in Vietnam time, and at start
 * enqueues a catch-up pull for every source whose last scheduled run was missed. The scheduler
 * only enqueues; the pull queue's deduplication keeps runs of one source from piling up.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { RunTrigger } from '../store/index.ts';
import { missedRun, SCHEDULE_TZ } from './catch-up.ts';

/** A source as the scheduler sees it. */
export interface ScheduledSource {
  readonly id: string;
  readonly schedule: string;
  readonly enabled: boolean;
}

/** What the scheduler needs. */
export interface SchedulerDeps {
  readonly enqueue: (sourceId: string, trigger: RunTrigger) => Promise<unknown>;
  readonly lastRunStartedAt: (sourceId: string) => Promise<Date | null>;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** Starts the cron tasks and the catch-up pass; returns a stop function. */
export async function startScheduler(
  sources: readonly ScheduledSource[],
  deps: SchedulerDeps,
): Promise<() => Promise<void>> {
  const tasks: ScheduledTask[] = [];
  const enqueue = (id: string, trigger: RunTrigger): void => {
    deps.enqueue(id, trigger).catch((err: unknown) => {
      deps.log.warn(
        { sourceId: id, err: err instanceof Error ? err.message : String(err) },
        'could not enqueue a pull; the next tick will try again',
      );
    });
  };
  for (const s of sources.filter((x) => x.enabled)) {
    tasks.push(
      cron.schedule(s.schedule, () => enqueue(s.id, 'schedule'), {
        timezone: SCHEDULE_TZ,
        name: `pull:${s.id}`,
      }),
    );
    const now = deps.now?.() ?? new Date();
    if (missedRun(s.schedule, await deps.lastRunStartedAt(s.id), now)) {
      deps.log.info(
        { sourceId: s.id },
        'scheduled run was missed while the hub was down: catching up',
      );
      enqueue(s.id, 'catch-up');
    }
  }
  return async () => {
    for (const t of tasks) await t.destroy();
  };
}
