/**
 * Runs the matching engine over labelled petitions and scores it: person and case pairwise
 * F1, automatic-link precision, review share, and whether any person cluster holds two
 * different valid CCCD numbers. Shared by the unit test and the benchmark.
 */
import { DedupEngine, type EngineOptions } from '../../src/core/matching/engine.ts';
import { trainParams } from '../../src/core/matching/train.ts';
import { createRng } from '../../src/simulators/synth/index.ts';
import type { LabelledPetition } from './generator.ts';
import { linkPrecision, pairwise } from './metrics.ts';

/** Evaluation figures. */
export interface Evaluation {
  readonly personPrecision: number;
  readonly personRecall: number;
  readonly personF1: number;
  readonly casePrecision: number;
  readonly caseRecall: number;
  readonly caseF1: number;
  readonly autoLinkPrecision: number;
  readonly personLinkPrecision: number;
  readonly caseLinkPrecision: number;
  readonly reviewShare: number;
  readonly clustersWithTwoValidCccds: number;
  readonly petitions: number;
  readonly persons: number;
}

function sequentialIds(): () => string {
  let n = 0;
  return () => `id-${++n}`;
}

/**
 * Resolves every petition in order with a fresh engine and scores the result. With `train`, the
 * model is first estimated from all the petitioners (staged, not yet matched), as a full
 * re-cluster does.
 */
export function evaluate(
  data: readonly LabelledPetition[],
  options: EngineOptions & { readonly train?: boolean } = {},
): Evaluation {
  const { train, ...engineOptions } = options;
  const engine = new DedupEngine({ ...engineOptions, newId: sequentialIds() });
  if (train === true) {
    for (const d of data) engine.stage(d.input);
    const rng = createRng(1);
    const sample = Array.from({ length: engine.persons.size }, (_, i) => i);
    engine.persons.setParams(trainParams(engine.persons, sample, () => rng.next()));
  }
  const personTruth = new Map<string, string>();
  const caseTruth = new Map<string, string>();
  const personLinks: { correct: boolean }[] = [];
  const caseLinks: { correct: boolean }[] = [];
  let reviewed = 0;
  for (const d of data) {
    caseTruth.set(d.input.hubId, d.truthCase);
    d.truthPersons.forEach((t, i) => personTruth.set(`${d.input.hubId}:${i}`, t));
    const r = engine.resolve(d.input);
    for (const p of r.persons) {
      if (p.link !== null)
        personLinks.push({ correct: personTruth.get(p.link.ref) === personTruth.get(p.ref) });
    }
    if (r.case.link !== null)
      caseLinks.push({ correct: caseTruth.get(r.case.link.hubId) === d.truthCase });
    if (r.case.reviews.length > 0 || r.persons.some((p) => p.reviews.length > 0)) reviewed += 1;
  }
  const { persons, cases } = engine;
  const recs = Array.from({ length: persons.size }, (_, r) => r);
  const person = pairwise(
    recs.map((r) => String(persons.clusterOf(r))),
    recs.map((r) => personTruth.get(persons.refOf(r)) ?? ''),
  );
  const pets = Array.from({ length: cases.size }, (_, p) => p);
  const kase = pairwise(
    pets.map((p) => String(cases.caseOf(p))),
    pets.map((p) => caseTruth.get(cases.hubIdOf(p)) ?? ''),
  );
  let twoCccds = 0;
  for (let c = 0; c < persons.clusters.length; c++)
    if (persons.validCccds(c).size > 1) twoCccds += 1;
  return {
    personPrecision: person.precision,
    personRecall: person.recall,
    personF1: person.f1,
    casePrecision: kase.precision,
    caseRecall: kase.recall,
    caseF1: kase.f1,
    autoLinkPrecision: linkPrecision([...personLinks, ...caseLinks]),
    personLinkPrecision: linkPrecision(personLinks),
    caseLinkPrecision: linkPrecision(caseLinks),
    reviewShare: reviewed / Math.max(data.length, 1),
    clustersWithTwoValidCccds: twoCccds,
    petitions: data.length,
    persons: persons.size,
  };
}
