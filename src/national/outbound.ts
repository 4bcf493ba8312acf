/**
 * The outbound mapping of the national contract v1.0: mappings/outbound/national-v1.yaml, checked
 * against the contract's schemas (src/national/national-case-schema.ts) and compiled once, then
 * applied to a petition's record to shape the case body and the later stages' bodies. A body the
 * mapping cannot shape (a required canonical field missing) is an OutboundMappingError naming the
 * fields: the push parks that submission instead of sending something the national side refuses.
 */
import { fileURLToPath } from 'node:url';
import type { FieldError } from '../core/field-error.ts';
import type { Petition } from '../core/petition-schema.ts';
import { HubError } from '../lib/errors.ts';
import {
  loadOutboundFile,
  loadOutboundFileSync,
  type OutboundTargets,
} from '../mapping/outbound.ts';
import type { CompiledOutbound, OutboundResult } from '../mapping/outbound-types.ts';
import {
  STAGE_SCHEMAS,
  nationalCaseSchema,
  type LaterStage,
  type NationalCase,
  type StageData,
} from './national-case-schema.ts';

/** The outbound mapping the hub uses unless told otherwise. */
export const DEFAULT_OUTBOUND_MAPPING = fileURLToPath(
  new URL('../../mappings/outbound/national-v1.yaml', import.meta.url),
);

/** What an outbound mapping of the national contract writes into. */
export const NATIONAL_TARGETS: OutboundTargets = {
  case: nationalCaseSchema,
  stages: STAGE_SCHEMAS,
};

/** A compiled outbound mapping of the national contract. */
export type NationalOutbound = CompiledOutbound;

/** Loads and checks an outbound mapping file; throws KNTC_MAPPING_INVALID with file and line. */
export function loadNationalOutbound(path: string): Promise<NationalOutbound> {
  return loadOutboundFile(path, NATIONAL_TARGETS);
}

let defaultMapping: NationalOutbound | undefined;

/** The default outbound mapping, loaded and checked on first use. */
export function defaultOutbound(): NationalOutbound {
  defaultMapping ??= loadOutboundFileSync(DEFAULT_OUTBOUND_MAPPING, NATIONAL_TARGETS);
  return defaultMapping;
}

/** The mapping could not shape a petition's body: the fields at fault, never their values. */
export class OutboundMappingError extends HubError {
  constructor(
    mapping: NationalOutbound,
    hubId: string,
    what: string,
    errors: readonly FieldError[],
  ) {
    const fields = errors.map((e) => `${e.field} (from ${e.sourceField ?? '?'}: ${e.code})`);
    super(
      'KNTC_RECORD_SCHEMA',
      `Outbound mapping ${mapping.file} cannot shape the ${what} of petition ${hubId}: ${fields.join('; ')}`,
      {
        retryable: false,
        hint: 'Fix the canonical field named (at the source, then sync) or the outbound mapping, then re-send.',
        details: { hubId, file: mapping.file, fields: errors.map((e) => e.field).join(', ') },
      },
    );
    this.name = 'OutboundMappingError';
  }
}

/** The record as the outbound mapping reads it: provenance.hubId set. */
function sourceOf(p: Petition, hubId: string): Petition {
  return { ...p, provenance: { ...p.provenance, hubId } };
}

function valueOf<T>(r: OutboundResult, m: NationalOutbound, hubId: string, what: string): T {
  if (!r.ok) throw new OutboundMappingError(m, hubId, what, r.errors);
  return r.value as T;
}

/** Maps a canonical petition onto the national case body (stage 1). */
export function toNationalCase(
  p: Petition,
  ids: { hubId: string },
  mapping: NationalOutbound = defaultOutbound(),
): NationalCase {
  const r = mapping.caseBody(sourceOf(p, ids.hubId));
  return valueOf<NationalCase>(r, mapping, ids.hubId, 'case body');
}

/** A later stage's body, or null while the petition has not reached that stage. */
export function toStageData<S extends LaterStage>(
  p: Petition,
  stage: S,
  ids: { hubId: string },
  mapping: NationalOutbound = defaultOutbound(),
): StageData[S] | null {
  const r = mapping.stageBody(stage, sourceOf(p, ids.hubId));
  return r === null ? null : valueOf<StageData[S]>(r, mapping, ids.hubId, `stage ${stage} data`);
}
