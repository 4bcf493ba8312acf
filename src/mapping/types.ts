/**
 * Shapes of a mapping: the document as written (after the JSON Schema check, so these types
 * can be trusted) and the compiled mapping the pipeline calls.
 */
import type { FieldError, RecordResult } from '../core/field-error.ts';
import type { BooleanOptions, LookupTable, NumberKind, SplitOptions } from './transforms/index.ts';

/** A scalar a mapping may write as `const` or `default`. */
export type MappingScalar = string | number | boolean;

/** One rule of `fields:` as written: a leaf (`from` / `const`), a group (`fields`) or a list (`each`). */
export interface RuleSpec {
  readonly from?: string | readonly string[];
  readonly const?: MappingScalar;
  /** A scalar for a leaf; `[]` (an empty list) for an `each` rule. */
  readonly default?: MappingScalar | readonly [];
  readonly optional?: boolean;
  readonly when?: string;
  readonly each?: string;
  readonly fields?: FieldMapSpec;
  readonly join?: string;
  readonly text?: readonly string[];
  readonly extract?: string;
  readonly split?: string | SplitOptions;
  readonly date?: string;
  readonly number?: NumberKind;
  readonly boolean?: BooleanOptions;
  readonly lookup?: string;
  /** True when the number read is at least this (a flag from a count). */
  readonly atLeast?: number;
  /** True when the value read (or one of the values, with a list `from`) is one of these. */
  readonly anyOf?: readonly MappingScalar[];
}

/** Target path (relative to the enclosing group) → rule. */
export type FieldMapSpec = Readonly<Record<string, RuleSpec>>;

/** What to do with a code missing from a lookup table. */
export type UnknownCodePolicy = 'reject' | 'default';

/** A mapping file as written. */
export interface MappingSpec {
  readonly source: string;
  readonly version: string;
  readonly record: { readonly key: string };
  readonly fields: FieldMapSpec;
  readonly lookups?: Readonly<Record<string, LookupTable>>;
  readonly unknownCode?: UnknownCodePolicy;
}

/** Context of one `map` call. */
export interface MapContext {
  /** The configured source id, written to provenance.source. */
  readonly sourceId: string;
}

/** A mapping compiled into closures, ready to map records. */
export interface CompiledMapping {
  /** Source id the mapping file declares. */
  readonly source: string;
  /** Mapping version, written to provenance.mappingVersion. */
  readonly version: string;
  /** The source record's id (record.key), or null when it is missing or empty. */
  recordKey(raw: unknown): string | null;
  /**
   * Maps one source record onto the canonical shape, collecting every data error of the record.
   * Does not run the canonical JSON Schema validation (validatePetition does, afterwards).
   */
  map(raw: unknown, ctx: MapContext): RecordResult<Record<string, unknown>>;
}

/**
 * A compiled rule: reads from `src` (the record, or the current `each` element), writes into
 * `out` and appends data errors. `sp` / `tp` prefix source / target paths in error reports
 * ("nguoiGui[0]." / "petitioners[0].").
 */
export type FieldRun = (
  src: unknown,
  out: Record<string, unknown>,
  errors: FieldError[],
  sp: string,
  tp: string,
) => void;
