/**
 * Coalesces single calls made at about the same time into batch calls (the DataLoader pattern):
 * each `load(key)` joins the batch being gathered, and each caller gets its own key's result.
 * A batch runs when it holds `maxItems` keys, or `maxWaitMs` after its first key — but never
 * more than `maxInFlight` batches at once: while they run, the next batch keeps gathering, so
 * batches grow when the work behind them slows down (like a database's group commit). Keys
 * asked twice while gathering run once.
 */

/** Options of a coalescer. */
export interface CoalescerOptions {
  readonly maxItems: number;
  readonly maxWaitMs: number;
  readonly maxInFlight: number;
}

/** Gathers keys into batches. */
export interface Coalescer<K, V> {
  load(key: K): Promise<V>;
}

interface Waiter<V> {
  resolve(v: V): void;
  reject(e: unknown): void;
}

/** One key gathered: when it arrived, and who waits for it. */
interface Gathered<V> {
  readonly at: number;
  readonly waiters: Waiter<V>[];
}

class Batcher<K, V> implements Coalescer<K, V> {
  /** Keys gathered, in arrival order. */
  private readonly gathering = new Map<K, Gathered<V>>();
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;

  constructor(
    private readonly run: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
    private readonly options: CoalescerOptions,
  ) {}

  load(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      const entry = this.gathering.get(key);
      if (entry !== undefined) entry.waiters.push({ resolve, reject });
      else this.gathering.set(key, { at: Date.now(), waiters: [{ resolve, reject }] });
      this.pump();
    });
  }

  /** Milliseconds until the gathered keys are due (0: now), or null when none is gathered. */
  private dueIn(): number | null {
    const oldest = this.gathering.values().next().value;
    if (oldest === undefined) return null;
    if (this.gathering.size >= this.options.maxItems) return 0;
    return Math.max(0, oldest.at + this.options.maxWaitMs - Date.now());
  }

  /** Starts the batches that are due while slots are free; arms the timer otherwise. */
  private pump(): void {
    for (;;) {
      const wait = this.dueIn();
      if (wait === null || this.inFlight >= this.options.maxInFlight) return;
      if (wait > 0) {
        this.timer ??= setTimeout(() => {
          this.timer = null;
          this.pump();
        }, wait);
        return;
      }
      this.inFlight += 1;
      void this.runBatch(this.take()).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private take(): Map<K, Waiter<V>[]> {
    const batch = new Map<K, Waiter<V>[]>();
    for (const [key, entry] of this.gathering) {
      if (batch.size >= this.options.maxItems) break;
      batch.set(key, entry.waiters);
    }
    for (const key of batch.keys()) this.gathering.delete(key);
    return batch;
  }

  private async runBatch(batch: Map<K, Waiter<V>[]>): Promise<void> {
    try {
      const results = await this.run([...batch.keys()]);
      for (const [key, waiters] of batch) {
        const v = results.get(key);
        for (const w of waiters) {
          if (v === undefined) w.reject(new Error(`No result for ${String(key)} in its batch`));
          else w.resolve(v);
        }
      }
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }
}

/** Creates a coalescer over `run`, which must give a result for every key it is passed. */
export function createCoalescer<K, V>(
  run: (keys: readonly K[]) => Promise<ReadonlyMap<K, V>>,
  options: CoalescerOptions,
): Coalescer<K, V> {
  return new Batcher(run, options);
}
