/**
 * Triggers each enabled source's pull on its cron expression, in Vietnam time, and enqueues a
 * catch-up pull for a source whose last scheduled run was missed (at start, or when a source
 * first appears). It re-reads the sources every `refreshMs` (a loader, or the fixed list again)
 * and starts, changes or stops cron tasks to match, so sources created or edited in the console
 * are scheduled without a restart. One source's trouble (its last run cannot be read, its
 * expression is refused) is logged and retried on the next pass without holding up the others.
 * The scheduler only enqueues; the pull queue's deduplication keeps runs of one source from
 * piling up.
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
  /** How often the sources are read again to pick up changes and retry (default 30 s). */
  readonly refreshMs?: number;
}

/** The sources to schedule: a fixed list, or a loader called at start and every refreshMs. */
export type SourcesToSchedule =
  readonly ScheduledSource[] | (() => Promise<readonly ScheduledSource[]>);

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The cron tasks of the scheduled sources, brought in line with a list on each pass. */
class CronTable {
  readonly #deps: SchedulerDeps;
  readonly #tasks = new Map<string, { schedule: string; task: ScheduledTask }>();
  /** Sources seen before: a new task for one of them is a changed schedule, not a catch-up. */
  readonly #seen = new Set<string>();
  /** Sources whose catch-up check is still to do (it failed, or the source just appeared). */
  readonly #catchUps = new Set<string>();

  constructor(deps: SchedulerDeps) {
    this.#deps = deps;
  }

  /** Starts, changes and stops tasks to match `list`, then runs the pending catch-up checks. */
  async apply(list: readonly ScheduledSource[]): Promise<void> {
    const wanted = new Map<string, string>();
    for (const s of list) if (s.enabled && s.schedule !== null) wanted.set(s.id, s.schedule);
    await this.#stopUnwanted(wanted);
    for (const [id, schedule] of wanted) if (!this.#tasks.has(id)) this.#start(id, schedule);
    for (const id of [...this.#catchUps]) {
      const schedule = wanted.get(id);
      if (schedule === undefined) this.#catchUps.delete(id);
      else await this.#catchUp(id, schedule);
    }
  }

  /** Destroys every task. */
  async stop(): Promise<void> {
    const tasks = [...this.#tasks.values()];
    this.#tasks.clear();
    for (const t of tasks) await t.task.destroy();
  }

  async #stopUnwanted(wanted: ReadonlyMap<string, string>): Promise<void> {
    for (const [id, t] of this.#tasks) {
      if (wanted.get(id) === t.schedule) continue;
      this.#tasks.delete(id);
      await t.task.destroy();
      if (!wanted.has(id)) this.#deps.log.info({ sourceId: id }, 'source no longer scheduled');
    }
  }

  #start(id: string, schedule: string): void {
    let task: ScheduledTask;
    try {
      task = cron.schedule(schedule, () => this.#enqueue(id, 'schedule'), {
        timezone: SCHEDULE_TZ,
        name: `pull:${id}`,
      });
    } catch (err) {
      const e = errorText(err);
      this.#deps.log.warn({ sourceId: id, schedule, err: e }, 'could not schedule the source');
      return;
    }
    this.#tasks.set(id, { schedule, task });
    if (this.#seen.has(id))
      this.#deps.log.info({ sourceId: id, schedule }, 'source schedule changed');
    else this.#catchUps.add(id);
    this.#seen.add(id);
  }

  async #catchUp(id: string, schedule: string): Promise<void> {
    try {
      const now = this.#deps.now?.() ?? new Date();
      if (missedRun(schedule, await this.#deps.lastRunStartedAt(id), now)) {
        this.#deps.log.info(
          { sourceId: id },
          'a scheduled run was missed (or the source never ran): catching up',
        );
        this.#enqueue(id, 'catch-up');
      }
      this.#catchUps.delete(id);
    } catch (err) {
      this.#deps.log.warn(
        { sourceId: id, err: errorText(err) },
        'could not check for a missed run; trying again on the next pass',
      );
    }
  }

  #enqueue(id: string, trigger: RunTrigger): void {
    this.#deps.enqueue(id, trigger).catch((err: unknown) => {
      this.#deps.log.warn(
        { sourceId: id, err: errorText(err) },
        'could not enqueue a pull; the next tick will try again',
      );
    });
  }
}

/** Starts the cron tasks and the catch-up pass; returns a stop function. */
export async function startScheduler(
  sources: SourcesToSchedule,
  deps: SchedulerDeps,
): Promise<() => Promise<void>> {
  const load = typeof sources === 'function' ? sources : () => Promise.resolve(sources);
  const table = new CronTable(deps);
  try {
    await table.apply(await load());
  } catch (err) {
    await table.stop();
    throw err;
  }
  const stopRefresh = refreshLoop(load, (list) => table.apply(list), deps);
  return async () => {
    await stopRefresh();
    await table.stop();
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
          { err: errorText(err) },
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
