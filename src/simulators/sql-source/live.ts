/**
 * Live changes in the simulated district system while the hub runs: letters edited (handling
 * decided, ngay_cap_nhat bumped: all of one call share one value, as one transaction's now()
 * would) and new letters received.
 */
import type pg from 'pg';
import type { RecordFactory } from '../quynhon/record-factory.ts';
import { HUONG_XU_LY_WEIGHTS } from '../quynhon/record.ts';
import type { Rng } from '../synth/index.ts';
import { HUONG_XU_LY, toDistrictLetter } from './district-row.ts';
import { insertLetters, type SeedRates } from './seed.ts';
import { formatStamp } from './stamps.ts';

/** What the live changes work on. */
export interface LiveDeps {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly rng: Rng;
  readonly factory: RecordFactory;
  /** Monotonic clock in epoch microseconds. */
  readonly clock: () => bigint;
  readonly rates: SeedRates;
}

/** The simulator's live controls. */
export interface LiveChanges {
  /** Number of letters. */
  count(): Promise<number>;
  /** Edits n letters (handling decided when missing) and bumps their ngay_cap_nhat; their so_don. */
  touch(n: number): Promise<string[]>;
  /** Receives n new letters now; their so_don. */
  insert(n: number): Promise<string[]>;
}

/** The live controls over one simulator schema. */
export function liveChanges(deps: LiveDeps): LiveChanges {
  const { pool, schema, rng } = deps;
  return {
    count: async () => {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${schema}.don_thu`,
      );
      return Number(rows[0]?.n);
    },
    touch: async (n) => {
      const { rows } = await pool.query<{ so_don: string }>(
        `SELECT so_don FROM ${schema}.don_thu ORDER BY so_don`,
      );
      const chosen = pickDistinct(
        rng,
        rows.map((r) => r.so_don),
        n,
      );
      const direction = HUONG_XU_LY[rng.weighted(HUONG_XU_LY_WEIGHTS)] ?? null;
      await pool.query(
        `UPDATE ${schema}.don_thu
         SET ngay_cap_nhat = $1::timestamptz,
             huong_xu_ly = COALESCE(huong_xu_ly, $3),
             ngay_xu_ly = COALESCE(ngay_xu_ly, ($1::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
         WHERE so_don = ANY($2::text[])`,
        [formatStamp(deps.clock()), chosen, direction],
      );
      return chosen;
    },
    insert: async (n) => {
      const micros = deps.clock();
      const atMs = Number(micros / 1000n);
      const letters = Array.from({ length: n }, () =>
        toDistrictLetter(
          rng,
          deps.factory.create(atMs),
          formatStamp(micros),
          deps.rates.unknownLinhVuc,
        ),
      );
      await insertLetters(pool, schema, letters);
      return letters.map((l) => l.donThu.so_don);
    },
  };
}

function pickDistinct(rng: Rng, items: readonly string[], n: number): string[] {
  const left = [...items];
  const out: string[] = [];
  while (out.length < n && left.length > 0) {
    const [item] = left.splice(rng.int(0, left.length - 1), 1);
    if (item !== undefined) out.push(item);
  }
  return out;
}
