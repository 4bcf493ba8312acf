/**
 * The matching engine: normalises a canonical petition, resolves each petitioner to a person
 * cluster, then the petition to a case cluster. It holds the whole store's matching keys in
 * memory (a few hundred bytes per petitioner), so matching a record costs microseconds and no
 * database round trip; the dedup service persists what it decides. Pure: no I/O.
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

/** A stored canonical petition to resolve. */
export interface PetitionInput {
  readonly hubId: string;
  readonly source: string;
  readonly record: Petition;
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
export function caseFeatures(record: Petition, source: string): CaseFeatures {
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
  private readonly known = new Set<string>();

  constructor(options: EngineOptions = {}) {
    const newId = options.newId ?? ((): string => crypto.randomUUID());
    this.units = options.units ?? null;
    this.persons = new PersonIndex(
      options.params ?? DEFAULT_PARAMS,
      options.thresholds ?? DEFAULT_THRESHOLDS,
      newId,
    );
    this.cases = new CaseIndex(this.persons, newId);
  }

  /** True when the petition is already resolved (a re-run does not move it). */
  has(hubId: string): boolean {
    return this.known.has(hubId);
  }

  /** Normalised features of each petitioner of a record. */
  featuresOf(record: Petition): PersonFeatures[] {
    return record.petitioners.map((p) => personFeatures(p, this.units));
  }

  /** Resolves one petition: its petitioners to persons, then itself to a case. */
  resolve(input: PetitionInput): PetitionResolution {
    const petition = this.cases.nextIndex();
    const persons = this.featuresOf(input.record).map((f, index) => {
      const ref = personRef(input.hubId, index);
      return { ...this.persons.add(ref, f, petition), ref, index };
    });
    const kase = this.cases.add(
      input.hubId,
      caseFeatures(input.record, input.source),
      persons.map((p) => p.record),
    );
    this.known.add(input.hubId);
    return { hubId: input.hubId, persons, case: kase };
  }

  /** Loads a petition with its persisted person and case ids, without matching. */
  restore(
    input: PetitionInput,
    personIds: readonly string[],
    caseId: string,
    isOriginal: boolean,
    maps: { persons: Map<string, number>; cases: Map<string, number> },
  ): void {
    const petition = this.cases.nextIndex();
    const records = this.featuresOf(input.record).map((f, i) =>
      this.persons.restore(
        personRef(input.hubId, i),
        f,
        petition,
        personIds[i] ?? crypto.randomUUID(),
        maps.persons,
      ),
    );
    this.cases.restore(
      input.hubId,
      caseFeatures(input.record, input.source),
      records,
      caseId,
      isOriginal,
      maps.cases,
    );
    this.known.add(input.hubId);
  }
}
