/**
 * State shared while compiling one mapping file: where problems are collected (with lines),
 * the lookup tables, the unknown-code policy, and which target paths are already taken.
 */
import type { LookupTable } from './transforms/index.ts';
import type { UnknownCodePolicy } from './types.ts';
import type { MappingProblem, MappingSource } from './yaml-source.ts';

/** A location in the mapping document: keys and list indexes from the root. */
export type YamlPath = readonly (string | number)[];

/** Compile-time state of one mapping file. */
export interface CompileContext {
  readonly src: MappingSource;
  readonly problems: MappingProblem[];
  readonly lookups: Readonly<Record<string, LookupTable>>;
  readonly unknownCode: UnknownCodePolicy;
  /** Target paths the engine itself sets; a mapping may not write them. */
  readonly reserved: ReadonlySet<string>;
  /** Lookup table × target pairs already checked, so a table used twice is reported once. */
  readonly checkedLookups: Set<string>;
  /** What the mapping writes, in messages; default "the canonical record". */
  readonly targetName?: string;
}

/** Records a problem at a location of the mapping document. */
export function addProblem(ctx: CompileContext, at: YamlPath, message: string): void {
  ctx.problems.push({ line: ctx.src.lineOf(at), key: at.join('.'), message });
}

/**
 * Target paths already written, to refuse two rules writing one field. Groups share their
 * parent's claims under a prefix; an `each` list starts fresh claims for its elements.
 */
export class TargetClaims {
  private constructor(
    private readonly taken: string[],
    /** Absolute target path of the scope, with its trailing "." ("" at the record root). */
    readonly prefix: string,
  ) {}

  /** Claims for a new scope (the record root, or the elements of an each list). */
  static root(prefix = ''): TargetClaims {
    return new TargetClaims([], prefix);
  }

  /** The same claims seen from inside the group at `display`. */
  within(display: string): TargetClaims {
    return new TargetClaims(this.taken, `${this.prefix}${display}.`);
  }

  /** Claims a path of this scope; returns the absolute path it collides with, or null. */
  claim(display: string): string | null {
    const path = this.prefix + display;
    for (const t of this.taken) {
      if (t === path || path.startsWith(`${t}.`) || path.startsWith(`${t}[`)) return t;
      if (t.startsWith(`${path}.`) || t.startsWith(`${path}[`)) return t;
    }
    this.taken.push(path);
    return null;
  }
}
