/**
 * Generates an initial Quy Nhơn data set: letters entered over the last ~90 days during office
 * hours, about half handled since, some re-submitted under a new maDon a few days later, sorted
 * the way the API serves them. Pure and deterministic for (seed, now).
 */
import { DAY_MS, VN_OFFSET_MS, createRng, type Rng } from '../synth/index.ts';
import { resolveFaultRates, type RecordFaultRates } from './faults.ts';
import type { QuyNhonRecord } from './record.ts';
import { createRecordFactory, type RecordFactory } from './record-factory.ts';
import { sortForServing } from './record-store.ts';

/** Options of generateQuyNhonRecords. */
export interface GenerateQuyNhonOptions {
  readonly seed: number;
  /** End of the time window; defaults to the current time (then the output is not reproducible). */
  readonly now?: Date;
  /** Fault rates overriding DEFAULT_RECORD_FAULT_RATES. */
  readonly faults?: Partial<RecordFaultRates>;
  /** Length of the window of ngayCapNhat, in days (default 90). */
  readonly windowDays?: number;
}

/** A re-submission planted in the data: the later maDon and the earlier one it copies. */
export interface Resubmission {
  readonly maDon: string;
  readonly originalMaDon: string;
}

/** Generated records with the ground truth of planted re-submissions. */
export interface QuyNhonDataset {
  readonly records: QuyNhonRecord[];
  readonly resubmissions: Resubmission[];
}

function entryTimes(rng: Rng, count: number, nowMs: number, windowDays: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const dayStartLocal = Math.floor((nowMs + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
    const day = dayStartLocal - rng.int(0, windowDays - 1) * DAY_MS;
    // Office hours 07:00–17:30 local time, to the second.
    const t = day + (7 * 3600 + rng.int(0, 10.5 * 3600)) * 1000;
    times.push(Math.min(t, nowMs - rng.int(60, 3600) * 1000));
  }
  return times.sort((a, b) => a - b);
}

/** Index of the first time >= t in an ascending array. */
function lowerBound(times: readonly number[], t: number): number {
  let [lo, hi] = [0, times.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function laterChanges(
  rng: Rng,
  factory: RecordFactory,
  record: QuyNhonRecord,
  createdMs: number,
  nowMs: number,
): QuyNhonRecord {
  let result = record;
  let at = createdMs;
  if (rng.chance(0.55)) {
    const handledAt = createdMs + rng.int(3600, 20 * 24 * 3600) * 1000;
    if (handledAt < nowMs) [result, at] = [factory.handle(result, handledAt), handledAt];
  }
  if (rng.chance(0.15)) {
    const touchedAt = at + rng.int(600, 10 * 24 * 3600) * 1000;
    if (touchedAt < nowMs) result = factory.touch(result, touchedAt);
  }
  return result;
}

/** Plants ties: a record takes the next record's ngayCapNhat (only ever moves a time later). */
function plantTies(rng: Rng, records: QuyNhonRecord[], rate: number): void {
  for (let i = records.length - 1; i > 0; i--) {
    const [prev, cur] = [records[i - 1], records[i]];
    if (prev !== undefined && cur !== undefined && rng.chance(rate)) {
      records[i - 1] = { ...prev, ngayCapNhat: cur.ngayCapNhat };
    }
  }
}

/** Generates records with the list of planted re-submissions (labelled data for matching tests). */
export function generateQuyNhonDataset(
  count: number,
  options: GenerateQuyNhonOptions,
): QuyNhonDataset {
  const rng = createRng(options.seed);
  const rates = resolveFaultRates(options.faults);
  const nowMs = (options.now ?? new Date()).getTime();
  const factory = createRecordFactory(rng, rates);
  const times = entryTimes(rng, count, nowMs, options.windowDays ?? 90);
  const created: QuyNhonRecord[] = [];
  const resubmissions: Resubmission[] = [];
  times.forEach((t, i) => {
    const [from, to] = [lowerBound(times, t - 10 * DAY_MS), lowerBound(times, t - 2 * DAY_MS)];
    const original =
      to > from && rng.chance(rates.resubmission) ? created[rng.int(from, to - 1)] : undefined;
    const record = original === undefined ? factory.create(t) : factory.resubmit(original, t);
    if (original !== undefined)
      resubmissions.push({ maDon: record.maDon, originalMaDon: original.maDon });
    created[i] = record;
  });
  const changed = created.map((r, i) => laterChanges(rng, factory, r, times[i] as number, nowMs));
  const records = sortForServing(changed);
  plantTies(rng, records, rates.sameSecond);
  return { records: sortForServing(records), resubmissions };
}

/** Generates count records sorted by (ngayCapNhat, maDon), with the planted faults. */
export function generateQuyNhonRecords(
  count: number,
  options: GenerateQuyNhonOptions,
): QuyNhonRecord[] {
  return generateQuyNhonDataset(count, options).records;
}
