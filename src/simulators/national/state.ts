/**
 * The national simulator's memory: cases by national id, submissions by key (the first reply
 * is kept so a replay answers with the same national id), and the counters behind GET /stats.
 * Every operation is a Map look-up or insert: a chaos test sends tens of thousands of cases.
 * `duplicateCases` counts cases created for a source case (maHoSoNguon) the simulator already
 * held under another submission key — the harm exactly-once delivery must prevent; `duplicates`
 * counts harmless replays of a key already seen.
 */
import type { NationalStats, SubmissionReply } from '../../national/contract.ts';
import type { LaterStage, NationalCase } from '../../national/national-case-schema.ts';

/** One case the simulator holds. */
export interface StoredCase {
  readonly nationalCaseId: string;
  body: NationalCase;
  readonly createdAt: string;
  updatedAt: string;
  /** Latest data of each later stage received. */
  readonly stages: Partial<Record<LaterStage, unknown>>;
}

/** What happened to one submission request that reached validation. */
export type SubmissionOutcome = 'accepted' | 'duplicate' | 'rejected';

/** The simulator's state. */
export interface NationalState {
  getCase(id: string): StoredCase | undefined;
  /** The first reply given to this key, if the key was seen. */
  getSubmission(key: string): SubmissionReply | undefined;
  /** Creates a case with a fresh national id and returns it. */
  createCase(body: NationalCase, at: Date): StoredCase;
  /** Remembers the reply given to a key. */
  rememberSubmission(reply: SubmissionReply): void;
  count(outcome: SubmissionOutcome): void;
  stats(): NationalStats;
  reset(): void;
}

/** National ids look like TTCP-2026-00000123: year of creation and a running number. */
export function formatNationalId(year: number, sequence: number): string {
  return `TTCP-${year}-${String(sequence).padStart(8, '0')}`;
}

/** The year in Vietnam (UTC+7, no daylight saving): a case created on 31/12 at 23:00 UTC is next year's. */
function vietnamYear(at: Date): number {
  return new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();
}

/** Creates empty state. */
export function createNationalState(): NationalState {
  const cases = new Map<string, StoredCase>();
  const submissions = new Map<string, SubmissionReply>();
  /** maHoSoNguon of every case created, to count cases created twice for one source case. */
  const bySourceCase = new Set<string>();
  let sequence = 0;
  let counters = { received: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let duplicateCases = 0;
  let linkedDuplicates = 0;

  return {
    getCase: (id) => cases.get(id),
    getSubmission: (key) => submissions.get(key),
    createCase(body, at) {
      sequence += 1;
      const nationalCaseId = formatNationalId(vietnamYear(at), sequence);
      const iso = at.toISOString();
      const stored: StoredCase = {
        nationalCaseId,
        body,
        createdAt: iso,
        updatedAt: iso,
        stages: {},
      };
      cases.set(nationalCaseId, stored);
      if (bySourceCase.has(body.maHoSoNguon)) duplicateCases += 1;
      bySourceCase.add(body.maHoSoNguon);
      if (body.trungVoiMaHoSoNguon !== undefined) linkedDuplicates += 1;
      return stored;
    },
    rememberSubmission(reply) {
      submissions.set(reply.submissionKey, reply);
    },
    count(outcome) {
      counters.received += 1;
      switch (outcome) {
        case 'accepted':
          counters.accepted += 1;
          return;
        case 'duplicate':
          counters.duplicates += 1;
          return;
        case 'rejected':
          counters.rejected += 1;
          return;
      }
    },
    stats: () => ({ ...counters, cases: cases.size, duplicateCases, linkedDuplicates }),
    reset() {
      cases.clear();
      submissions.clear();
      bySourceCase.clear();
      duplicateCases = 0;
      linkedDuplicates = 0;
      sequence = 0;
      counters = { received: 0, accepted: 0, duplicates: 0, rejected: 0 };
    },
  };
}
