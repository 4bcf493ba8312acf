/**
 * Live mode: while the simulator runs, new letters arrive and existing ones are handled or
 * edited, each change bumping ngayCapNhat, so incremental pulls (capNhatTu) have news to fetch.
 */
import type { Rng } from '../synth/index.ts';
import type { RecordFactory } from './record-factory.ts';
import type { RecordStore } from './record-store.ts';

/** Live-mode settings. */
export interface LiveOptions {
  /** Time between ticks, in milliseconds. */
  readonly intervalMs: number;
  /** Records added per tick. */
  readonly newPerTick: number;
  /** Existing records changed per tick. */
  readonly updatesPerTick: number;
}

/** What one tick did. */
export interface LiveTickResult {
  readonly added: readonly string[];
  readonly updated: readonly string[];
}

/** Adds and changes records as of nowMs; resubmissionRate copies a recent letter. */
export function liveTick(
  deps: { readonly store: RecordStore; readonly factory: RecordFactory; readonly rng: Rng },
  nowMs: number,
  counts: {
    readonly newPerTick: number;
    readonly updatesPerTick: number;
    readonly resubmissionRate: number;
  },
): LiveTickResult {
  const { store, factory, rng } = deps;
  const updated: string[] = [];
  for (let i = 0; i < counts.updatesPerTick && store.size > 0; i++) {
    const record = store.at(rng.int(0, store.size - 1));
    if (record === undefined) continue;
    const next =
      record.huongXuLy === null ? factory.handle(record, nowMs) : factory.touch(record, nowMs);
    store.upsert(next);
    updated.push(next.maDon);
  }
  const added: string[] = [];
  for (let i = 0; i < counts.newPerTick; i++) {
    const recent =
      store.size > 0 ? store.at(rng.int(Math.max(0, store.size - 200), store.size - 1)) : undefined;
    const record =
      recent !== undefined && rng.chance(counts.resubmissionRate)
        ? factory.resubmit(recent, nowMs)
        : factory.create(nowMs);
    store.upsert(record);
    added.push(record.maDon);
  }
  return { added, updated };
}
