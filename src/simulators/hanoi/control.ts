/**
 * The control handle of the Hà Nội simulator: its records, its planted server faults and a
 * manual live tick, for tests and the demo.
 */
import type { HanoiStore } from './store.ts';

/** Server faults: a share of requests answered with a Server fault, and added latency. */
export interface HanoiServerFaults {
  /** 0–1: share of list requests answered with a SOAP Server fault (HTTP 500) / 503. */
  readonly errorRate: number;
  readonly latencyMs: number;
}

/** What app.sim offers. */
export interface HanoiSimControl {
  readonly store: HanoiStore;
  faults(): HanoiServerFaults;
  setFaults(patch: Partial<HanoiServerFaults>): HanoiServerFaults;
  /** Adds `newPerTick` records and updates `updatesPerTick` existing ones now. */
  tick(): { added: number; updated: number };
}

/** Validates fault settings. */
export function checkFaults(f: HanoiServerFaults): HanoiServerFaults {
  if (!(f.errorRate >= 0 && f.errorRate <= 1)) throw new RangeError('errorRate must be within 0–1');
  if (!(Number.isInteger(f.latencyMs) && f.latencyMs >= 0))
    throw new RangeError('latencyMs must be a non-negative integer');
  return f;
}
