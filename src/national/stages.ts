/**
 * The staged submissions of one petition: which stage the national database still lacks, and the
 * exact body to send for it. A petition is brought up to date one step at a time, in stage order
 * (1 case received, 2 handling result, 3 settlement information, 4 settlement result, 5
 * enforcement); each step's body hash is compared with the hash the national side acknowledged
 * for that stage, so a change after a case was sent goes as an update of stage 1 or as a (new
 * version of a) later stage — never as a new case. The bodies come from the outbound mapping
 * (mappings/outbound/national-v1.yaml), which also says when a record has reached a stage.
 */
import { sha256, stableStringify } from '../core/content-hash.ts';
import type { Petition } from '../core/petition-schema.ts';
import type { LaterStage, NationalCase, StageData } from './national-case-schema.ts';
import { defaultOutbound, toNationalCase, toStageData, type NationalOutbound } from './outbound.ts';

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

/** Hash of a body as sent (keys sorted). */
export function bodyHash(body: unknown): string {
  return sha256(stableStringify(body));
}

/**
 * The next step the national side lacks for this petition, or null when it is up to date.
 * Throws OutboundMappingError when the mapping cannot shape a body the petition needs.
 */
export function nextStep(
  s: PetitionPushState,
  mapping: NationalOutbound = defaultOutbound(),
): PushStep | null {
  const ids = { hubId: s.hubId };
  const body = toNationalCase(s.record, ids, mapping);
  const h1 = bodyHash(body);
  if (s.nationalCaseId === null) return { stage: 1, operation: 'create', body, bodyHash: h1 };
  if (s.acked['1'] !== h1) return { stage: 1, operation: 'update', body, bodyHash: h1 };
  for (const stage of mapping.stages) {
    const data = toStageData(s.record, stage, ids, mapping);
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

/**
 * Whether the national side still lacks a stage after `stage` once that stage is acknowledged,
 * at the petition's current content (a content change meanwhile is queued by the outbox itself).
 * Cheaper than nextStep: the case body is neither shaped nor hashed again.
 */
export function laterStageMissing(
  s: PetitionPushState,
  stage: StageNumber,
  mapping: NationalOutbound = defaultOutbound(),
): boolean {
  const ids = { hubId: s.hubId };
  for (const later of mapping.stages) {
    if (later <= stage) continue;
    const data = toStageData(s.record, later, ids, mapping);
    if (data !== null && s.acked[String(later)] !== bodyHash(data)) return true;
  }
  return false;
}
