/**
 * The staged submissions of one petition: which stage the national database still lacks, and the
 * exact body to send for it. A petition is brought up to date one step at a time, in stage order
 * (1 case received, 2 handling result, 3 settlement information, 4 settlement result, 5
 * enforcement); each step's body hash is compared with the hash the national side acknowledged
 * for that stage, so a change after a case was sent goes as an update of stage 1 or as a (new
 * version of a) later stage — never as a new case.
 */
import { sha256, stableStringify } from '../core/content-hash.ts';
import type { Petition } from '../core/petition-schema.ts';
import type { LaterStage, NationalCase, StageData } from './national-case-schema.ts';
import { toNationalCase } from './outbound.ts';

/** A stage number, 1–5. */
export type StageNumber = 1 | LaterStage;

/** Body hash the national side acknowledged, per stage ("1".."5"). */
export type AckedStages = Readonly<Partial<Record<string, string>>>;

/** One step to send. */
export type PushStep =
  | {
      readonly stage: 1;
      readonly operation: 'create' | 'update';
      readonly body: NationalCase;
      readonly bodyHash: string;
    }
  | {
      readonly stage: LaterStage;
      readonly operation: 'stage';
      readonly body: StageData[LaterStage];
      readonly bodyHash: string;
    };

/** What the step computation reads about a petition. */
export interface PetitionPushState {
  readonly hubId: string;
  readonly record: Petition;
  readonly nationalCaseId: string | null;
  readonly acked: AckedStages;
}

/** `{ key: value }` when value is present, `{}` otherwise (exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function stage2(p: Petition): StageData[2] | null {
  const h = p.handling;
  if (h?.outcome === undefined || h.decidedAt === undefined) return null;
  return {
    huongXuLy: h.outcome,
    ngayXuLy: h.decidedAt,
    ...opt('duDieuKienXuLy', h.eligible),
    ...opt('lyDoKhongDuDieuKien', h.ineligibleReason),
    ...opt('thuocThamQuyen', h.withinCompetence),
    ...opt('chuyenDenCoQuan', h.transferredTo),
  };
}

function stage3(p: Petition): StageData[3] | null {
  const s = p.settlement;
  if (s?.round === undefined || s.acceptedAt === undefined || s.dueAt === undefined) return null;
  return {
    lanGiaiQuyet: s.round,
    ngayThuLy: s.acceptedAt,
    hanGiaiQuyet: s.dueAt,
    ...opt('giaHanDen', s.extendedTo),
    ...opt('vuViecPhucTap', s.complex),
    ...opt('vungKhoKhan', s.remoteArea),
  };
}

function stage4(p: Petition): StageData[4] | null {
  const s = p.settlement;
  if (s?.result === undefined || s.decidedAt === undefined) return null;
  return {
    ketQua: s.result,
    ngayBanHanh: s.decidedAt,
    ...opt('thuHoiTienTrieuDong', s.recoveredMoneyMillionVnd),
    ...opt('thuHoiDatM2', s.recoveredLandM2),
  };
}

/**
 * Stage 5 needs a date; the canonical record has no enforcement date, so the settlement
 * decision date stands in (documented in docs/national-api.md).
 */
function stage5(p: Petition): StageData[5] | null {
  const s = p.settlement;
  if (s?.enforcement === undefined || s.decidedAt === undefined) return null;
  return { trangThai: s.enforcement, ngayCapNhat: s.decidedAt };
}

const LATER: readonly [LaterStage, (p: Petition) => StageData[LaterStage] | null][] = [
  [2, stage2],
  [3, stage3],
  [4, stage4],
  [5, stage5],
];

/** Hash of a body as sent (keys sorted). */
export function bodyHash(body: unknown): string {
  return sha256(stableStringify(body));
}

/** The next step the national side lacks for this petition, or null when it is up to date. */
export function nextStep(s: PetitionPushState): PushStep | null {
  const body = toNationalCase(s.record, { hubId: s.hubId });
  const h1 = bodyHash(body);
  if (s.nationalCaseId === null) return { stage: 1, operation: 'create', body, bodyHash: h1 };
  if (s.acked['1'] !== h1) return { stage: 1, operation: 'update', body, bodyHash: h1 };
  for (const [stage, build] of LATER) {
    const data = build(s.record);
    if (data === null) continue;
    const h = bodyHash(data);
    if (s.acked[String(stage)] !== h) return { stage, operation: 'stage', body: data, bodyHash: h };
  }
  return null;
}

/**
 * The submission key of a step: hub id, stage, the petition's revision and the body hash. The
 * revision rises on every content change, so content flipping back to an earlier state gets a
 * new key; the body hash keeps the key bound to the bytes even if the outbound mapping changes.
 */
export function submissionKeyOf(hubId: string, revision: number, step: PushStep): string {
  return `${hubId}:${step.stage}:r${revision}:${step.bodyHash.slice(0, 12)}`;
}
