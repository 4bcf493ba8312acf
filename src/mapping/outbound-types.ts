/**
 * Shapes of an outbound mapping: the file as written (after its JSON Schema check) and the
 * compiled mapping the push calls. An outbound mapping reads the canonical petition (with
 * provenance.hubId set) and writes the national case body and the later stages' bodies.
 */
import type { FieldError } from '../core/field-error.ts';
import type { LookupTable } from './transforms/index.ts';
import type { FieldMapSpec, UnknownCodePolicy } from './types.ts';

/** The later stages an outbound mapping may define. */
export const OUTBOUND_STAGES = [2, 3, 4, 5] as const;
/** One later stage. */
export type OutboundStage = (typeof OUTBOUND_STAGES)[number];

/** One later stage as written: sent once every `when` path holds a value. */
export interface OutboundStageSpec {
  readonly when: readonly string[];
  readonly fields: FieldMapSpec;
}

/** An outbound mapping file as written. */
export interface OutboundSpec {
  readonly target: 'national';
  readonly contract: string;
  readonly version: string;
  readonly case: FieldMapSpec;
  readonly stages?: Readonly<Partial<Record<`${OutboundStage}`, OutboundStageSpec>>>;
  readonly lookups?: Readonly<Record<string, LookupTable>>;
  readonly unknownCode?: UnknownCodePolicy;
}

/** A body the mapping shaped, or why it could not (field errors name target and source fields). */
export type OutboundResult =
  | { readonly ok: true; readonly value: Record<string, unknown> }
  | { readonly ok: false; readonly errors: readonly FieldError[] };

/** A compiled outbound mapping. */
export interface CompiledOutbound {
  /** The file it was loaded from, for messages. */
  readonly file: string;
  readonly version: string;
  readonly contract: string;
  /** The later stages it defines, in order. */
  readonly stages: readonly OutboundStage[];
  /** The stage-1 body of a petition. */
  caseBody(source: unknown): OutboundResult;
  /** A later stage's body, or null while the petition has not reached that stage. */
  stageBody(stage: OutboundStage, source: unknown): OutboundResult | null;
}
