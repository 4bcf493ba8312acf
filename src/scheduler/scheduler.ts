/**
 * Triggers each enabled source's pull on its cron expression, in Vietnam time, and enqueues a
 * catch-up pull for a source whose last scheduled run was missed (at start, or when a source
 * first appears). Given a loader instead of a fixed list, it re-reads the sources every
 * `refreshMs` and starts, changes or stops cron tasks to match, so sources created or edited in
 * the console are scheduled without a restart. The scheduler only enqueues; the pull queue's
 * deduplication keeps runs of one source from piling up.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { RunTrigger } from '../store/index.ts';
import { missedRun, SCHEDULE_TZ } from './catch-up.ts';

/** A source as the scheduler sees it; a null schedule means "pulled only on demand". */
export interface ScheduledSource {
  readonly id: string;
  readonly schedule: string | null;
  readonly enabled: boolean;
}

/** What the scheduler needs. */
export interface SchedulerDeps {
  readonly enqueue: (sourceId: string, trigger: RunTrigger) => Promise<unknown>;
  readonly lastRunStartedAt: (sourceId: string) => Promise<Date | null>;
  readonly log: Logger;
  readonly now?: () => Date;
  /** How often a loader is called again to pick up changed sources (default 30 s). */
  readonly refreshMs?: number;
}

/** The sources to schedule: a fixed list, or a loader called at start and every refreshMs. */
export type SourcesToSchedule =
  readonly ScheduledSource[] | (() => Promise<readonly ScheduledSource[]>);

/** Starts the cron tasks and the catch-up pass; returns a stop function. */
export async function startScheduler(
  sources: SourcesToSchedule,
  deps: SchedulerDeps,
): Promise<() => Promise<void>> {
  const load = typeof sources === 'function' ? sources : () => Promise.resolve(sources);
  const tasks = new Map<string, { schedule: string; task: ScheduledTask }>();
  const seen = new Set<string>();
  const enqueue = (id: string, trigger: RunTrigger): void => {
    deps.enqueue(id, trigger).catch((err: unknown) => {
      deps.log.warn(
        { sourceId: id, err: err instanceof Error ? err.message : String(err) },
        'could not enqueue a pull; the next tick will try again',
      );
    });
  };

  const apply = async (list: readonly ScheduledSource[]): Promise<void> => {
    const wanted = new Map<string, string>();
    for (const s of list) if (s.enabled && s.schedule !== null) wanted.set(s.id, s.schedule);
    for (const [id, t] of tasks) {
      if (wanted.get(id) === t.schedule) continue;
      await t.task.destroy();
      tasks.delete(id);
      if (!wanted.has(id)) deps.log.info({ sourceId: id }, 'source no longer scheduled');
    }
    for (const [id, schedule] of wanted) {
      if (tasks.has(id)) continue;
      const task = cron.schedule(schedule, () => enqueue(id, 'schedule'), {
        timezone: SCHEDULE_TZ,
        name: `pull:${id}`,
      });
      tasks.set(id, { schedule, task });
      if (seen.has(id)) deps.log.info({ sourceId: id, schedule }, 'source schedule changed');
      else await catchUp(id, schedule);
      seen.add(id);
    }
  };

  const catchUp = async (id: string, schedule: string): Promise<void> => {
    const now = deps.now?.() ?? new Date();
    if (missedRun(schedule, await deps.lastRunStartedAt(id), now)) {
      deps.log.info(
        { sourceId: id },
        'a scheduled run was missed (or the source never ran): catching up',
      );
      enqueue(id, 'catch-up');
    }
  };

  await apply(await load());
  const stopRefresh = typeof sources === 'function' ? refreshLoop(load, apply, deps) : null;
  return async () => {
    await stopRefresh?.();
    for (const t of tasks.values()) await t.task.destroy();
    tasks.clear();
  };
}

/** Calls load → apply every refreshMs, one at a time; the returned stop waits for a running pass. */
function refreshLoop(
  load: () => Promise<readonly ScheduledSource[]>,
  apply: (list: readonly ScheduledSource[]) => Promise<void>,
  deps: SchedulerDeps,
): () => Promise<void> {
  const every = deps.refreshMs ?? 30_000;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const tick = (): void => {
    running = load()
      .then(async (list) => {
        if (!stopped) await apply(list);
      })
      .catch((err: unknown) =>
        deps.log.warn(
          { err: err instanceof Error ? err.message : String(err) },
          'could not re-read the sources to schedule; keeping the current schedules',
        ),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, every);
      });
  };
  timer = setTimeout(tick, every);
  return async () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    await running;
  };
}
