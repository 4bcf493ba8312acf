/**
 * The matching engine: normalises a canonical petition, resolves each petitioner to a person
 * cluster, then the petition to a case cluster. It holds the whole store's matching keys in
 * memory (a few hundred bytes per petitioner, in typed arrays), so matching a record costs
 * microseconds and no database round trip; the dedup service persists what it decides. A full
 * re-cluster stages every petition first (features only), estimates the model, then resolves
 * them in order of receipt. Pure: no I/O.
 */
import type { Petition } from '../petition-schema.ts';
import type { AdminUnitIndex } from '../normalise/admin-units.ts';
import { contentFeatures } from '../normalise/content.ts';
import { personFeatures, type PersonFeatures } from '../normalise/person.ts';
import type { CaseFeatures } from './case-compare.ts';
import { CaseIndex, type CaseResolution } from './case-index.ts';
import { DEFAULT_PARAMS, type FsParams } from './fs-model.ts';
import { DEFAULT_THRESHOLDS, type Thresholds } from './person-decision.ts';
import { PersonIndex, type PersonResolution } from './person-index.ts';

/** Options of the engine. */
export interface EngineOptions {
  readonly params?: FsParams;
  readonly thresholds?: Thresholds;
  readonly units?: AdminUnitIndex | null;
  readonly newId?: () => string;
}

/** The parts of a canonical petition matching reads. */
export type MatchingRecord = Pick<Petition, 'petitioners' | 'kind' | 'content' | 'anonymous'> & {
  readonly receipt: Pick<Petition['receipt'], 'receivedAt'>;
};

/** A stored canonical petition to resolve. */
export interface PetitionInput {
  readonly hubId: string;
  readonly source: string;
  readonly record: MatchingRecord;
}

/** One petitioner's resolution, with the ref that names it ("<hubId>:<index>"). */
export interface PetitionerResolution extends PersonResolution {
  readonly ref: string;
  readonly index: number;
}

/** What the engine decided for one petition. */
export interface PetitionResolution {
  readonly hubId: string;
  readonly persons: readonly PetitionerResolution[];
  readonly case: CaseResolution;
}

/** Case features of a canonical petition. */
export function caseFeatures(record: MatchingRecord, source: string): CaseFeatures {
  return {
    source,
    content: contentFeatures(record.content.summary, record.content.subject),
    kind: record.kind,
    fieldArea: record.content.fieldArea ?? null,
    receivedDay: Math.floor(Date.parse(record.receipt.receivedAt) / 86_400_000),
    anonymous: record.anonymous === true || record.petitioners.length === 0,
  };
}

/** Ref of the i-th petitioner of a petition. */
export function personRef(hubId: string, index: number): string {
  return `${hubId}:${index}`;
}

/** Incremental person and case resolution over an in-memory store. */
export class DedupEngine {
  readonly persons: PersonIndex;
  readonly cases: CaseIndex;
  readonly units: AdminUnitIndex | null;
  private resolved = new Uint8Array(1024);

  constructor(options: EngineOptions = {}) {
    const newId = options.newId ?? ((): string => crypto.randomUUID());
    this.units = options.units ?? null;
    this.persons = new PersonIndex(
      options.params ?? DEFAULT_PARAMS,
      options.thresholds ?? DEFAULT_THRESHOLDS,
      newId,
      (p) => this.cases.hubIdOf(p),
    );
    this.cases = new CaseIndex(this.persons, newId);
  }

  /** True when the petition is already resolved (a re-run does not move it). */
  has(hubId: string): boolean {
    const p = this.cases.petitionOf(hubId);
    return p !== undefined && this.resolved[p] === 1;
  }

  /** Normalised features of each petitioner of a record. */
  featuresOf(record: MatchingRecord): PersonFeatures[] {
    return record.petitioners.map((p) => personFeatures(p, this.units));
  }

  /**
   * Stores a petition's features (its petitioners' and its own) without matching; returns its
   * petition index. A petition staged before is not staged again.
   */
  stage(input: PetitionInput): number {
    const known = this.cases.petitionOf(input.hubId);
    if (known !== undefined) return known;
    const petition = this.cases.size;
    const features = this.featuresOf(input.record);
    const first = this.persons.size;
    features.forEach((f, i) => this.persons.stage(f, petition, i));
    return this.cases.stage(
      input.hubId,
      caseFeatures(input.record, input.source),
      first,
      features.length,
    );
  }

  /** Resolves a staged petition: its petitioners to persons, then itself to a case. */
  resolveStaged(petition: number): PetitionResolution {
    const cols = this.cases.cols;
    const first = cols.firstPerson[petition] as number;
    const count = cols.personCount[petition] as number;
    const persons: PetitionerResolution[] = [];
    for (let index = 0; index < count; index++) {
      const r = this.persons.resolve(first + index);
      persons.push({ ...r, ref: this.persons.refOf(first + index), index });
    }
    const kase = this.cases.resolve(petition);
    this.markResolved(petition);
    return { hubId: this.cases.hubIdOf(petition), persons, case: kase };
  }

  /** Resolves one petition: its petitioners to persons, then itself to a case. */
  resolve(input: PetitionInput): PetitionResolution {
    return this.resolveStaged(this.stage(input));
  }

  private markResolved(petition: number): void {
    if (this.resolved.length <= petition) {
      const next = new Uint8Array(Math.max(petition + 1, this.resolved.length * 2));
      next.set(this.resolved);
      this.resolved = next;
    }
    this.resolved[petition] = 1;
  }

  /** Loads a petition with its persisted person and case ids, without matching. */
  restore(
    input: PetitionInput,
    personIds: readonly string[],
    caseId: string,
    isOriginal: boolean,
    maps: { persons: Map<string, number>; cases: Map<string, number> },
  ): void {
    const petition = this.stage(input);
    const cols = this.cases.cols;
    const first = cols.firstPerson[petition] as number;
    const count = cols.personCount[petition] as number;
    for (let i = 0; i < count; i++)
      this.persons.restore(first + i, personIds[i] ?? crypto.randomUUID(), maps.persons);
    this.cases.restore(petition, caseId, isOriginal, maps.cases);
    this.markResolved(petition);
  }

  /** Person record index of a ref "<hubId>:<index>". */
  recordOf(ref: string): number | undefined {
    const colon = ref.lastIndexOf(':');
    const p = this.cases.petitionOf(ref.slice(0, colon));
    if (p === undefined) return undefined;
    const i = Number(ref.slice(colon + 1));
    const cols = this.cases.cols;
    return i < (cols.personCount[p] as number) ? (cols.firstPerson[p] as number) + i : undefined;
  }
}
