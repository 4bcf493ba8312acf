import { describe, expect, it } from 'vitest';
import { BlockIndex } from '../../../src/core/matching/block-index.ts';
import { ClusterLists } from '../../../src/core/matching/columns.ts';
import { DedupEngine, type PetitionInput } from '../../../src/core/matching/engine.ts';
import { DEFAULT_PARAMS } from '../../../src/core/matching/fs-model.ts';
import { PersonColumns } from '../../../src/core/matching/person-columns.ts';
import { DEFAULT_THRESHOLDS, scorePersons } from '../../../src/core/matching/person-decision.ts';
import { PersonScorer } from '../../../src/core/matching/person-scorer.ts';
import { personFeatures } from '../../../src/core/normalise/person.ts';
import { createRng } from '../../../src/simulators/synth/index.ts';
import { generateLabelled } from '../../dedup/generator.ts';
import { testAdminUnits } from '../../dedup/units.ts';

describe('compact person columns', () => {
  it('score every pair exactly as the reference comparison does', () => {
    const units = testAdminUnits();
    const data = generateLabelled({ seed: 5, matters: 600 });
    const features = data.flatMap((d) =>
      d.input.record.petitioners.map((p) => personFeatures(p, units)),
    );
    const truth = data.flatMap((d) => d.truthPersons);
    const byPerson = new Map<string, number[]>();
    truth.forEach((t, i) => byPerson.set(t, [...(byPerson.get(t) ?? []), i]));
    const copies = [...byPerson.values()].filter((l) => l.length > 1);
    const cols = new PersonColumns();
    features.forEach((f, i) => cols.stage(f, i, 0));
    const scorer = new PersonScorer(DEFAULT_PARAMS, DEFAULT_THRESHOLDS);
    const freq = { full: 0.002, surnameGiven: 0.003 };
    scorer.forName(freq);
    const vec = new Int8Array(7);
    const rng = createRng(3);
    // Random pairs, and pairs of the same person written differently.
    const pairs = Array.from({ length: 4000 }, (_, k) => {
      if (k % 2 === 0) return [rng.int(0, features.length - 1), rng.int(0, features.length - 1)];
      const same = rng.pick(copies);
      return [rng.pick(same), rng.pick(same)];
    });
    let links = 0;
    for (const [a, b] of pairs as [number, number][]) {
      const fa = features[a];
      const fb = features[b];
      if (fa === undefined || fb === undefined) continue;
      const expected = scorePersons(
        fa,
        fb,
        DEFAULT_PARAMS,
        DEFAULT_THRESHOLDS,
        fa.name === null ? undefined : freq,
      );
      const got = scorer.score(vec, cols.compare(a, b, vec));
      expect(got.outcome).toBe(expected.outcome);
      expect(got.weight).toBeCloseTo(expected.weight, 9);
      expect(got.reasons).toEqual(expected.reasons);
      if (got.outcome === 'link') links += 1;
    }
    expect(links).toBeGreaterThan(1000);
  });
});

describe('block index and cluster lists', () => {
  it('find every record under a key, skip keys over the limit, and survive growth', () => {
    const blocks = new BlockIndex(3);
    for (let r = 0; r < 150_000; r++) blocks.add(r % 50_000, r);
    blocks.add(123_456_789_012, 7);
    const under = (h: number): number[] => {
      const out: number[] = [];
      blocks.forEach(h, (r) => out.push(r));
      return out.sort((x, y) => x - y);
    };
    expect(under(123_456_789_012)).toEqual([7]);
    expect(under(42)).toEqual([42, 50_042, 100_042]);
    blocks.add(42, 150_042);
    blocks.add(42, 1);
    expect(under(42)).toEqual([]);
    expect(under(999_999)).toEqual([]);
  });

  it('keep members through adds, merges and removals', () => {
    const lists = new ClusterLists();
    const [a, b] = [lists.open('a'), lists.open('b')];
    for (const m of [0, 1, 2]) lists.add(a, m);
    for (const m of [3, 4]) lists.add(b, m);
    lists.concat(a, b);
    expect(lists.members(a)).toEqual([0, 1, 2, 3, 4]);
    expect(lists.size(b)).toBe(0);
    lists.remove(2);
    lists.remove(4);
    expect(lists.members(a)).toEqual([0, 1, 3]);
    expect(lists.clusterOf[3]).toBe(a);
    lists.add(b, 4);
    expect(lists.members(b)).toEqual([4]);
  });
});

describe('valid CCCD rule over merged clusters', () => {
  it('sends a petitioner to review when a reviewer merged a cluster holding another valid CCCD', () => {
    const petition = (hubId: string, number: string): PetitionInput => ({
      hubId,
      source: 's',
      record: {
        petitioners: [
          {
            kind: 'PERSON',
            name: 'Tạ Thị Quyên',
            idDocument: { type: 'CCCD', number },
            birthYear: 1985,
            sex: 'F',
            phone: '0905123456',
          },
        ],
        kind: 'KN',
        content: { summary: `Khiếu nại số ${hubId.slice(-3)}` },
        receipt: { receivedAt: '2025-01-01' },
      },
    });
    const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const engine = new DedupEngine();
    engine.resolve(petition(id(1), '052185001234'));
    const other = engine.resolve(petition(id(2), '052185998877'));
    expect(other.persons[0]?.link).toBeNull();
    const [a, b] = [engine.recordOf(`${id(1)}:0`), engine.recordOf(`${id(2)}:0`)];
    if (a === undefined || b === undefined) throw new Error('records');
    engine.persons.merge(engine.persons.clusterOf(a), engine.persons.clusterOf(b));
    const again = engine.resolve(petition(id(3), '052185001234'));
    expect(again.persons[0]?.link).toBeNull();
    expect(again.persons[0]?.reviews[0]?.reasons.rule).toBe('cluster holds another valid CCCD');
  });
});
