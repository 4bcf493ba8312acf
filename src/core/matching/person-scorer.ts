/**
 * Fast Fellegi–Sunter scoring over level vectors: the weight of every field and level is
 * computed once per parameter set (and the name's own frequency once per new petitioner), so
 * scoring a candidate is seven table look-ups. Only the best candidate of each cluster gets its
 * outcome and reasons built. Same arithmetic and rules as scorePersons (person-decision.ts).
 */
import { levelWeight, type FsParams, type NameFrequencies } from './fs-model.ts';
import { PERSON_FIELDS, PERSON_LEVELS, type PersonField } from './person-compare.ts';
import type { LevelVector } from './person-columns.ts';
import {
  decideOutcome,
  pairReasons,
  type Outcome,
  type PairScore,
  type Thresholds,
} from './person-decision.ts';

/** Weights per field and level for one parameter set. */
export class PersonScorer {
  private table: Float64Array[] = [];
  private readonly nameW = new Float64Array(PERSON_LEVELS.name.length);

  constructor(
    private params: FsParams,
    readonly thresholds: Thresholds,
  ) {
    this.setParams(params);
  }

  /** Current parameters. */
  get current(): FsParams {
    return this.params;
  }

  /** Replaces the parameters. */
  setParams(params: FsParams): void {
    this.params = params;
    this.table = PERSON_FIELDS.map((f) =>
      Float64Array.from(PERSON_LEVELS[f], (_, l) => levelWeight(params, f, l)),
    );
    this.nameW.set(this.table[0] as Float64Array);
  }

  /**
   * True when a pair weighing less than `weight` must be distinct whatever its fields: below the
   * review threshold, and no rule can raise it (the one-digit CCCD rule needs the weight without
   * the identity field to reach the link threshold, impossible when a near identity number does
   * not weigh against).
   */
  surelyDistinct(weight: number): boolean {
    return weight < this.thresholds.reviewWeight && this.w(1, 1) >= 0;
  }

  /** Sets the name weights for the frequencies of the new petitioner's name. */
  forName(freq: NameFrequencies | undefined): void {
    const name = this.table[0] as Float64Array;
    this.nameW.set(name);
    if (freq === undefined) return;
    this.nameW[0] = levelWeight(this.params, 'name', 0, freq);
    this.nameW[1] = levelWeight(this.params, 'name', 1, freq);
  }

  private w(field: number, level: number): number {
    return field === 0
      ? (this.nameW[level] as number)
      : ((this.table[field] as Float64Array)[level] as number);
  }

  /** Total weight of a level vector. */
  weight(v: LevelVector): number {
    let total = 0;
    for (let f = 0; f < PERSON_FIELDS.length; f++) {
      const level = v[f] as number;
      if (level >= 0) total += this.w(f, level);
    }
    return total;
  }

  /** Outcome of a level vector (score() without the reasons). */
  outcome(v: LevelVector, cccdConflict: boolean): Outcome {
    const idLevel = v[1] as number;
    return decideOutcome(
      this.weight(v),
      { level: idLevel < 0 ? null : idLevel, weight: idLevel < 0 ? 0 : this.w(1, idLevel) },
      (v[0] as number) < 0 ? null : (v[0] as number),
      cccdConflict,
      this.thresholds,
    ).outcome;
  }

  /** Outcome and reasons of a level vector. */
  score(v: LevelVector, cccdConflict: boolean): PairScore {
    const total = this.weight(v);
    const fields: [PersonField, number, number][] = [];
    PERSON_FIELDS.forEach((field, f) => {
      const level = v[f] as number;
      if (level >= 0) fields.push([field, level, this.w(f, level)]);
    });
    const idLevel = v[1] as number;
    const { outcome, rule } = decideOutcome(
      total,
      { level: idLevel < 0 ? null : idLevel, weight: idLevel < 0 ? 0 : this.w(1, idLevel) },
      (v[0] as number) < 0 ? null : (v[0] as number),
      cccdConflict,
      this.thresholds,
    );
    return { outcome, weight: total, reasons: pairReasons(this.params, total, fields, rule) };
  }
}
