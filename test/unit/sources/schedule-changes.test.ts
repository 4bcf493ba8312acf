// The scheduler re-reads its sources: a new one is scheduled (and caught up, never having run),
// a changed schedule replaces its task, a removed or disabled one stops, a manual-only one waits.
// One source's trouble (its last run unreadable, its expression refused) is retried on the next
// pass without holding up the others, and a failed start leaves no cron task behind.
import { Writable } from 'node:stream';
import cron from 'node-cron';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startScheduler, type ScheduledSource } from '../../../src/scheduler/scheduler.ts';

function capture(): { log: pino.Logger; messages: () => string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push((JSON.parse(chunk.toString()) as { msg: string; sourceId?: string }).msg);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), messages: () => [...lines] };
}

const until = async (probe: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 100; i += 1) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('startScheduler with a loader', () => {
  it('follows new, changed, removed, disabled and manual-only sources', async () => {
    let sources: ScheduledSource[] = [{ id: 'a', schedule: '0 0 1 1 *', enabled: true }];
    const enqueued: string[] = [];
    const { log, messages } = capture();
    const stop = await startScheduler(() => Promise.resolve(sources), {
      enqueue: (id, trigger) => {
        enqueued.push(`${id}:${trigger}`);
        return Promise.resolve();
      },
      lastRunStartedAt: (id) => Promise.resolve(id === 'b' ? null : new Date()),
      log,
      refreshMs: 30,
    });
    try {
      expect(enqueued).toEqual([]);
      sources = [
        { id: 'a', schedule: '0 0 2 1 *', enabled: true },
        { id: 'b', schedule: '0 0 1 1 *', enabled: true },
        { id: 'c', schedule: null, enabled: true },
      ];
      await until(() => enqueued.includes('b:catch-up'), 'b to be caught up');
      await until(() => messages().includes('source schedule changed'), 'a to be rescheduled');
      expect(enqueued).toEqual(['b:catch-up']);
      sources = [{ id: 'b', schedule: '0 0 1 1 *', enabled: false }];
      await until(
        () => messages().filter((m) => m === 'source no longer scheduled').length === 2,
        'a and b to stop',
      );
    } finally {
      await stop();
    }
    const after = messages().length;
    await new Promise((r) => setTimeout(r, 100));
    expect(messages()).toHaveLength(after);
  });
});

/** The names of the cron tasks that exist now (node-cron keeps a registry of them). */
const pullTasks = (): string[] =>
  [...cron.getTasks().values()].map((t) => t.name ?? '').filter((n) => n.startsWith('pull:'));

describe('startScheduler when a source has trouble', () => {
  it('retries a catch-up whose last run could not be read, on the next pass', async () => {
    const enqueued: string[] = [];
    const { log, messages } = capture();
    let failures = 2;
    const stop = await startScheduler(
      [
        { id: 'flaky', schedule: '0 0 1 1 *', enabled: true },
        { id: 'fine', schedule: '0 0 1 1 *', enabled: true },
      ],
      {
        enqueue: (id, trigger) => {
          enqueued.push(`${id}:${trigger}`);
          return Promise.resolve();
        },
        lastRunStartedAt: (id) => {
          if (id === 'flaky' && failures-- > 0) return Promise.reject(new Error('db down'));
          return Promise.resolve(null);
        },
        log,
        refreshMs: 30,
      },
    );
    try {
      expect(enqueued).toEqual(['fine:catch-up']);
      await until(() => enqueued.includes('flaky:catch-up'), 'flaky to be caught up');
      expect(
        messages().filter((m) => m.startsWith('could not check for a missed run')),
      ).toHaveLength(2);
      expect(enqueued.filter((e) => e === 'fine:catch-up')).toHaveLength(1);
    } finally {
      await stop();
    }
    expect(pullTasks()).toEqual([]);
  });

  it('schedules the other sources when one expression is refused', async () => {
    const { log, messages } = capture();
    const stop = await startScheduler(
      [
        { id: 'broken', schedule: 'every morning', enabled: true },
        { id: 'ok', schedule: '0 0 1 1 *', enabled: true },
      ],
      {
        enqueue: () => Promise.resolve(),
        lastRunStartedAt: () => Promise.resolve(new Date()),
        log,
        refreshMs: 60_000,
      },
    );
    try {
      expect(pullTasks()).toEqual(['pull:ok']);
      expect(messages()).toContain('could not schedule the source');
    } finally {
      await stop();
    }
  });

  it('destroys the tasks it created when the start fails', async () => {
    const failing = pino({ level: 'silent' });
    failing.warn = () => {
      throw new Error('log sink gone');
    };
    await expect(
      startScheduler(
        [
          { id: 'first', schedule: '0 0 1 1 *', enabled: true },
          { id: 'second', schedule: '0 0 1 1 *', enabled: true },
        ],
        {
          enqueue: () => Promise.resolve(),
          lastRunStartedAt: () => Promise.reject(new Error('db down')),
          log: failing,
          refreshMs: 60_000,
        },
      ),
    ).rejects.toThrow('log sink gone');
    expect(pullTasks()).toEqual([]);
  });
});
