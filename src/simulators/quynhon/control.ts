/**
 * The handle a test or the demo uses to steer a running simulator: read the records, change
 * server faults (503 rate, latency) at run time, and run a live-mode tick on demand.
 */
import type { LiveTickResult } from './live.ts';
import type { RecordStore } from './record-store.ts';

/** Faults of the server itself (not of the records). */
export interface ServerFaults {
  /** Share of /api requests answered 503, in [0, 1]. */
  readonly errorRate: number;
  /** Delay added before every /api answer, in milliseconds. */
  readonly latencyMs: number;
}

/** Controls of a simulator instance, decorated on it as `sim`. */
export interface QuyNhonSimControl {
  /** The records being served (live mode changes them). */
  readonly store: RecordStore;
  /** Current server faults. */
  faults(): ServerFaults;
  /** Changes some server faults; returns the new settings. */
  setFaults(patch: Partial<ServerFaults>): ServerFaults;
  /** Runs one live-mode step now (with the live counts, or 1 new and 1 update without live). */
  tick(): LiveTickResult;
}

/** Checks fault settings; throws RangeError naming the bad field. */
export function checkServerFaults(faults: ServerFaults): ServerFaults {
  if (!(faults.errorRate >= 0 && faults.errorRate <= 1)) {
    throw new RangeError('errorRate must be between 0 and 1');
  }
  if (!(Number.isInteger(faults.latencyMs) && faults.latencyMs >= 0)) {
    throw new RangeError('latencyMs must be a non-negative integer');
  }
  return faults;
}
