// The coalescer behind the batched push: single calls of about the same moment become one batch
// call, at most `maxInFlight` at once, and batches grow while the work behind them is slow.
import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../../src/pipeline/coalescer.ts';

describe('coalescer', () => {
  it('runs calls of the same moment as one batch, each caller getting its own result', async () => {
    const batches: string[][] = [];
    const c = createCoalescer<string, string>(
      (keys) => {
        batches.push([...keys]);
        return Promise.resolve(new Map(keys.map((k) => [k, k.toUpperCase()])));
      },
      { maxItems: 10, maxWaitMs: 5, maxInFlight: 1 },
    );
    const results = await Promise.all(['a', 'b', 'a', 'c'].map((k) => c.load(k)));
    expect(results).toEqual(['A', 'B', 'A', 'C']);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('splits at maxItems and keeps at most maxInFlight batches running, gathering meanwhile', async () => {
    const batches: number[] = [];
    let running = 0;
    let most = 0;
    const c = createCoalescer<number, number>(
      async (keys) => {
        running += 1;
        most = Math.max(most, running);
        batches.push(keys.length);
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
        return new Map(keys.map((k) => [k, k * 2]));
      },
      { maxItems: 3, maxWaitMs: 1, maxInFlight: 2 },
    );
    const keys = Array.from({ length: 10 }, (_, i) => i);
    expect(await Promise.all(keys.map((k) => c.load(k)))).toEqual(keys.map((k) => k * 2));
    expect(most).toBe(2);
    expect(batches.every((n) => n <= 3)).toBe(true);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('fails every caller of a batch that throws, and a key the batch left out', async () => {
    const c = createCoalescer<string, string>(
      (keys) =>
        keys.includes('boom')
          ? Promise.reject(new Error('down'))
          : Promise.resolve(new Map([['a', 'A']])),
      { maxItems: 10, maxWaitMs: 1, maxInFlight: 1 },
    );
    await expect(Promise.all([c.load('boom'), c.load('x')])).rejects.toThrow('down');
    await expect(c.load('b')).rejects.toThrow(/No result for b/);
  });
});
