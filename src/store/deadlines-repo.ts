/**
 * Legal deadlines at risk, for the dashboard: petitions whose handling, acceptance or settlement
 * is overdue or due soon, per unit. Also reads the two deadline data files from disk (the core
 * only parses text).
 *
 * The store may hold a million petitions. SQL narrows the candidates with two partial indexes
 * (migration 1767225600006) holding only petitions with a step still open, keyed by the date the
 * step counts from, and cut off at the latest start date that could be due by the horizon (a
 * deadline of n days, working or calendar, never ends before start + n calendar days). The exact
 * due dates (holidays, rules in force on the start date, extensions) are computed in TypeScript
 * on those candidates only. Results carry ids, unit, kind, step, dates and legal basis: no
 * personal data leaves the query (only receipt, handling and settlement are read).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';
import { PETITION_KINDS, codesOf } from '../core/codes.ts';
import type { WorkingCalendar } from '../core/deadlines/calendar.ts';
import { parseHolidayCalendar } from '../core/deadlines/calendar-file.ts';
import { computeDeadlines, horizonEnd, type StepDeadline } from '../core/deadlines/compute.ts';
import { isoDate, tryDayNumber } from '../core/deadlines/dates.ts';
import { parseDeadlineRules } from '../core/deadlines/rules-file.ts';
import type {
  DayKind,
  DeadlineRule,
  DeadlineStep,
  DeadlineSubject,
  StartDate,
} from '../core/deadlines/rules.ts';
import { HubError } from '../lib/errors.ts';

/** The deadline rules and the working calendar, loaded once at start. */
export interface DeadlineConfig {
  readonly rules: readonly DeadlineRule[];
  readonly calendar: WorkingCalendar;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new HubError('KNTC_CONFIG_INVALID', `Deadline data file ${file} cannot be read`, {
      cause: err,
      hint: 'Check that the deadlines directory holds rules.yaml and holidays-vn.yaml.',
      details: { file },
    });
  }
}

/** Reads and checks `<dir>/rules.yaml` and `<dir>/holidays-vn.yaml`; throws KNTC_CONFIG_INVALID. */
export async function loadDeadlineConfig(dir: string): Promise<DeadlineConfig> {
  const rulesFile = path.join(dir, 'rules.yaml');
  const calendarFile = path.join(dir, 'holidays-vn.yaml');
  const [rulesText, calendarText] = await Promise.all([
    readText(rulesFile),
    readText(calendarFile),
  ]);
  return Object.freeze({
    rules: parseDeadlineRules(rulesText, rulesFile),
    calendar: parseHolidayCalendar(calendarText, calendarFile),
  });
}

/** What listDeadlineRisks looks for. Dates are YYYY-MM-DD. */
export interface DeadlineRiskQuery {
  readonly today: string;
  /** Working days ahead that count as due soon (default 3). */
  readonly horizonDays?: number;
  /** Receiving agency code or administrative unit code (receipt.agency.code / .unitCode). */
  readonly unit?: string;
  /** Most items returned (default 100, at most 1000). */
  readonly limit?: number;
  /** Ignore steps that started before this day (e.g. legacy data never closed). */
  readonly startedOnOrAfter?: string;
}

/** One step of one petition near or past its legal deadline. */
export interface DeadlineRisk {
  readonly hubId: string;
  readonly sourceId: string;
  readonly sourceRecordId: string;
  readonly agencyCode: string;
  readonly unitCode: string | null;
  readonly kind: string;
  readonly step: DeadlineStep;
  readonly status: 'overdue' | 'due-soon';
  readonly startedAt: string;
  readonly dueAt: string;
  readonly daysLeft: number;
  readonly dayKind: DayKind;
  readonly extended: boolean;
  readonly approximate: boolean;
  readonly ruleId: string;
  readonly basis: string;
}

/** At-risk steps, earliest due first; `truncated` when more exist than were returned. */
export interface DeadlineRiskPage {
  readonly items: readonly DeadlineRisk[];
  readonly truncated: boolean;
}

/** Must match the WHERE of index petitions_deadline_receipt_open, character for character. */
const RECEIPT_OPEN = `(record->'handling'->>'decidedAt') IS NULL
     OR (kind IN ('KN', 'TC') AND (record->'settlement'->>'acceptedAt') IS NULL
         AND coalesce(record->'handling'->>'outcome', 'ACCEPT') = 'ACCEPT')`;
/** Must match the WHERE of index petitions_deadline_settlement_open. */
const SETTLEMENT_OPEN = `(record->'settlement'->>'acceptedAt') IS NOT NULL
    AND (record->'settlement'->>'decidedAt') IS NULL`;

/** A group of steps read through one index. */
interface Family {
  readonly steps: readonly DeadlineStep[];
  readonly keyStart: StartDate;
  readonly key: string;
  readonly keyType: 'date' | 'text';
  readonly open: (rules: readonly DeadlineRule[]) => string;
}

const FAMILIES: readonly Family[] = [
  {
    steps: ['handle', 'accept-complaint', 'accept-denunciation', 'transfer-denunciation'],
    keyStart: 'receipt.receivedAt',
    key: 'received_on',
    keyType: 'date',
    open: (rules) => {
      const kinds = new Set(
        rules
          .filter((r) => r.step === 'accept-complaint' || r.step === 'accept-denunciation')
          .flatMap((r) => r.appliesTo.kinds ?? codesOf(PETITION_KINDS)),
      );
      if ([...kinds].every((k) => k === 'KN' || k === 'TC')) return RECEIPT_OPEN;
      // Rules accept other kinds too: same predicate widened (kinds are schema-checked codes).
      const list = [...kinds].map((k) => `'${k}'`).join(', ');
      return RECEIPT_OPEN.replace(`kind IN ('KN', 'TC')`, `kind IN (${list})`);
    },
  },
  {
    steps: ['settle-complaint-1', 'settle-complaint-2', 'settle-denunciation'],
    keyStart: 'settlement.acceptedAt',
    key: `(record->'settlement'->>'acceptedAt')`,
    keyType: 'text',
    open: () => SETTLEMENT_OPEN,
  },
];

const PAGE = 500;
/** Candidates read per family and call at most; beyond it the answer is marked truncated. */
const MAX_SCAN = 200_000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

interface CandidateRow {
  hub_id: string;
  source_id: string;
  source_record_id: string;
  key: string;
  subject: DeadlineSubject;
}

/** The latest start date that could be due by `soonEnd`, or undefined when no bound is safe. */
function latestStart(family: Family, rules: readonly DeadlineRule[], soonEnd: number) {
  const own = rules.filter((r) => family.steps.includes(r.step));
  if (own.length === 0) return null; // no rule: nothing of this family can be at risk
  if (own.some((r) => r.startsFrom !== family.keyStart)) return undefined;
  return isoDate(soonEnd - Math.min(...own.map((r) => r.days)));
}

/**
 * The candidate query of one family. $1, $2: keyset (start date, hub id); $3: latest start date
 * or null; $4: unit or null. Unnamed statements are planned with their parameter values, so the
 * null tests fold away and the partial index applies.
 */
function familySql(family: Family, rules: readonly DeadlineRule[]): string {
  const { key, keyType } = family;
  const keyText = keyType === 'date' ? `to_char(${key}, 'YYYY-MM-DD')` : key;
  return `SELECT hub_id::text AS hub_id, source_id, source_record_id, ${keyText} AS key,
          jsonb_strip_nulls(jsonb_build_object('kind', kind, 'receipt', record->'receipt',
            'handling', record->'handling', 'settlement', record->'settlement')) AS subject
     FROM petitions
    WHERE (${family.open(rules)})
      AND (${key}, hub_id) > ($1::${keyType}, $2::uuid)
      AND ($3::${keyType} IS NULL OR ${key} <= $3::${keyType})
      AND ($4::text IS NULL OR record->'receipt'->'agency'->>'code' = $4
           OR record->'receipt'->'agency'->>'unitCode' = $4)
    ORDER BY ${key}, hub_id
    LIMIT ${PAGE}`;
}

/** The candidate queries, one per family of steps (to EXPLAIN in tests and in operations). */
export function deadlineCandidateSql(rules: readonly DeadlineRule[]): string[] {
  return FAMILIES.map((f) => familySql(f, rules));
}

function toRisk(row: CandidateRow, d: StepDeadline): DeadlineRisk | undefined {
  if ((d.status !== 'overdue' && d.status !== 'due-soon') || d.daysLeft === null) return undefined;
  const agency = row.subject.receipt.agency;
  return {
    hubId: row.hub_id,
    sourceId: row.source_id,
    sourceRecordId: row.source_record_id,
    agencyCode: agency.code,
    unitCode: agency.unitCode ?? null,
    kind: row.subject.kind,
    step: d.step,
    status: d.status,
    startedAt: d.startedAt,
    dueAt: d.dueAt,
    daysLeft: d.daysLeft,
    dayKind: d.dayKind,
    extended: d.extended,
    approximate: d.approximate,
    ruleId: d.ruleId,
    basis: d.basis,
  };
}

interface ScanContext {
  readonly pool: pg.Pool;
  readonly config: DeadlineConfig;
  readonly query: DeadlineRiskQuery;
  readonly soonEnd: number;
  readonly limit: number;
}

/** Reads one family's candidates in key order until `limit` risks are found or none remain. */
async function scanFamily(ctx: ScanContext, family: Family) {
  const { rules, calendar } = ctx.config;
  const cutoff = latestStart(family, rules, ctx.soonEnd);
  const risks: DeadlineRisk[] = [];
  if (cutoff === null) return { risks, more: false };
  const sql = familySql(family, rules);
  let after: [string, string] = [ctx.query.startedOnOrAfter ?? '1900-01-01', ZERO_UUID];
  const horizon = { days: ctx.query.horizonDays ?? 3, dayKind: 'working' } as const;
  for (let scanned = 0; scanned < MAX_SCAN; scanned += PAGE) {
    const params: unknown[] = [...after, cutoff ?? null, ctx.query.unit ?? null];
    const { rows } = await ctx.pool.query<CandidateRow>(sql, params);
    for (const row of rows) {
      for (const d of computeDeadlines(row.subject, rules, calendar, ctx.query.today, horizon)) {
        const risk = family.steps.includes(d.step) ? toRisk(row, d) : undefined;
        if (risk !== undefined) risks.push(risk);
      }
    }
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return { risks, more: false };
    if (risks.length >= ctx.limit) return { risks, more: true };
    after = [last.key, last.hub_id];
  }
  return { risks, more: true };
}

function validStart(d: string | undefined): boolean {
  return d === undefined || tryDayNumber(d) !== undefined;
}

/**
 * Steps near (within `horizonDays` working days) or past their legal deadline, earliest due
 * first. Each family of steps is read oldest start first, so when `truncated` is true the items
 * returned are the most overdue ones.
 */
export async function listDeadlineRisks(
  pool: pg.Pool,
  config: DeadlineConfig,
  query: DeadlineRiskQuery,
): Promise<DeadlineRiskPage> {
  const today = tryDayNumber(query.today);
  if (today === undefined || !validStart(query.startedOnOrAfter)) {
    throw new HubError('KNTC_BAD_REQUEST', 'today and startedOnOrAfter must be dates YYYY-MM-DD.');
  }
  const horizonDays = query.horizonDays ?? 3;
  const soonEnd = horizonEnd(today, { days: horizonDays, dayKind: 'working' }, config.calendar);
  const limit = Math.min(Math.max(query.limit ?? 100, 1), 1000);
  const ctx: ScanContext = { pool, config, query, soonEnd, limit };
  let truncated = false;
  const all: DeadlineRisk[] = [];
  for (const family of FAMILIES) {
    const { risks, more } = await scanFamily(ctx, family);
    truncated ||= more;
    all.push(...risks);
  }
  all.sort(
    (a, b) =>
      a.dueAt.localeCompare(b.dueAt) ||
      a.hubId.localeCompare(b.hubId) ||
      a.step.localeCompare(b.step),
  );
  return { items: all.slice(0, limit), truncated: truncated || all.length > limit };
}
