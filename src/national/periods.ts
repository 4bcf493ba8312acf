/**
 * Reporting periods (kỳ báo cáo) of Circular 06/2025/TT-TTCP: quarter 1, 6 months, 9 months and
 * the year, each cumulative from the previous year's cut-off. A petition belongs, for pushing,
 * to the first period whose data cut-off is on or after its receipt date: that is the report it
 * must reach first. The exact cut-off days and how long the national side keeps a period's
 * window open after its cut-off are not confirmed, so both are configuration; the defaults
 * (cut-off on the 14th of March, June, September and December; window closing 6 days later)
 * follow the customary "15th of the previous month to the 14th" reporting practice.
 */

/** The four reporting periods, in calendar order. */
export const PERIODS = ['Q1', '6M', '9M', 'Y'] as const;
/** One reporting period. */
export type PeriodName = (typeof PERIODS)[number];

/** When periods cut off (MM-DD) and how long their national window stays open after that. */
export interface PeriodConfig {
  readonly cutoffs: Readonly<Record<PeriodName, string>>;
  readonly windowCloseDays: number;
}

/** Defaults; see the module comment for why they are only customary. */
export const DEFAULT_PERIODS: PeriodConfig = {
  cutoffs: { Q1: '03-14', '6M': '06-14', '9M': '09-14', Y: '12-14' },
  windowCloseDays: 6,
};

/** A petition's reporting period. */
export interface ReportingPeriod {
  /** e.g. "2026-Q1". */
  readonly key: string;
  /** Last day of data (YYYY-MM-DD). */
  readonly cutoff: string;
  /** When the national window for this period's report closes (end of day, Vietnam time). */
  readonly closesAt: Date;
}

const VN_OFFSET_MS = 7 * 3600_000;

function endOfVietnamDay(ymd: string, plusDays: number): Date {
  const midnightUtc = Date.parse(`${ymd}T00:00:00Z`);
  return new Date(midnightUtc + (plusDays + 1) * 86_400_000 - VN_OFFSET_MS);
}

/** The period a receipt date (YYYY-MM-DD) belongs to. */
export function periodOf(receivedOn: string, cfg: PeriodConfig = DEFAULT_PERIODS): ReportingPeriod {
  const year = Number(receivedOn.slice(0, 4));
  const md = receivedOn.slice(5, 10);
  for (const name of PERIODS) {
    const cut = cfg.cutoffs[name];
    if (md <= cut) return make(year, name, cut, cfg);
  }
  return make(year + 1, 'Q1', cfg.cutoffs.Q1, cfg);
}

function make(year: number, name: PeriodName, cut: string, cfg: PeriodConfig): ReportingPeriod {
  const cutoff = `${year}-${cut}`;
  return { key: `${year}-${name}`, cutoff, closesAt: endOfVietnamDay(cutoff, cfg.windowCloseDays) };
}

/**
 * BullMQ priority (1 = first) for a petition: hours until its period's window closes, so what
 * belongs to the period about to close is sent first; a period already closed comes first of all.
 */
export function pushPriority(receivedOn: string, now: Date, cfg: PeriodConfig): number {
  const hours = Math.floor(
    (periodOf(receivedOn, cfg).closesAt.getTime() - now.getTime()) / 3600_000,
  );
  return Math.min(Math.max(hours + 2, 1), 2_000_000);
}

/** Checks the cut-offs are MM-DD in calendar order; one readable problem per mistake. */
export function checkPeriodConfig(cfg: PeriodConfig): string[] {
  const problems: string[] = [];
  let previous = '';
  for (const name of PERIODS) {
    const cut = cfg.cutoffs[name];
    if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(cut)) {
      problems.push(`national.periods.cutoffs.${name}: "${cut}" is not MM-DD`);
    } else if (cut <= previous) {
      problems.push(`national.periods.cutoffs.${name}: must come after the previous period's`);
    }
    previous = cut;
  }
  return problems;
}
