// The scheduler re-reads its sources: a new one is scheduled (and caught up, never having run),
// a changed schedule replaces its task, a removed or disabled one stops, a manual-only one waits.
import { Writable } from 'node:stream';
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
