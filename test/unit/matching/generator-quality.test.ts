import { describe, expect, it } from 'vitest';
import { evaluate } from '../../dedup/evaluate.ts';
import { generateLabelled } from '../../dedup/generator.ts';
import { pairwise } from '../../dedup/metrics.ts';
import { testAdminUnits } from '../../dedup/units.ts';

describe('pairwise metrics', () => {
  it('scores a clustering against the truth', () => {
    expect(pairwise(['a', 'a', 'b'], ['x', 'x', 'x'])).toMatchObject({
      precision: 1,
      recall: 1 / 3,
    });
    expect(pairwise(['a', 'a', 'a'], ['x', 'x', 'y']).precision).toBeCloseTo(1 / 3);
  });
});

describe('matcher on the labelled generator', () => {
  it('meets the quality targets', () => {
    const units = testAdminUnits();
    const data = generateLabelled({ seed: 7, matters: 3000 });
    const e = evaluate(data, { units, train: true });
    expect(e.personF1).toBeGreaterThanOrEqual(0.97);
    expect(e.caseF1).toBeGreaterThanOrEqual(0.97);
    expect(e.autoLinkPrecision).toBeGreaterThanOrEqual(0.995);
    expect(e.reviewShare).toBeLessThanOrEqual(0.03);
    expect(e.clustersWithTwoValidCccds).toBe(0);
  }, 120_000);
});
