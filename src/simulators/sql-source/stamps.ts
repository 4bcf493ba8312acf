/**
 * ngay_cap_nhat values as the district system writes them: PostgreSQL now() in Vietnam time,
 * with microseconds. The initial data set has few distinct values on purpose (the system's
 * nightly import stamps a whole batch with one now()), which is what keyset paging must survive.
 */
import { DAY_MS, formatVnTimestamp, type Rng } from '../synth/index.ts';

/** An instant in microseconds since the epoch written as ISO-8601 +07:00 with 6 decimals. */
export function formatStamp(micros: bigint): string {
  const ms = Number(micros / 1000n);
  const fraction = String(micros % 1_000_000n).padStart(6, '0');
  return `${formatVnTimestamp(ms).slice(0, 19)}.${fraction}+07:00`;
}

/** `count` distinct stamps, ascending, within the `days` days before `nowMs` (at least 1 min before). */
export function initialStamps(rng: Rng, nowMs: number, count: number, days = 60): bigint[] {
  const seen = new Set<bigint>();
  const endMs = nowMs - 60_000;
  while (seen.size < count) {
    const ms = endMs - rng.int(0, days * DAY_MS);
    seen.add(BigInt(ms) * 1000n + BigInt(rng.int(0, 999)));
  }
  return [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A clock that never repeats or goes back, so live changes always land after earlier ones. */
export function monotonicClock(now: () => number): () => bigint {
  let last = 0n;
  return () => {
    const micros = BigInt(now()) * 1000n;
    last = micros > last ? micros : last + 1n;
    return last;
  };
}
