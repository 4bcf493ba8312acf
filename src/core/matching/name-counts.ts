/**
 * How common each name is among stored petitioners, for frequency-aware name weights: full
 * folded names and surname + given pairs, counted under a compact hash. Shares are smoothed so
 * a name seen once is still rarer than a name seen a hundred times, never "impossible".
 */
import type { NameParts } from '../normalise/name.ts';
import type { NameFrequencies } from './fs-model.ts';
import { hashKey } from './similarity.ts';

/** Running counts of names. */
export class NameCounts {
  private readonly full = new Map<number, number>();
  private readonly pair = new Map<number, number>();
  private total = 0;

  /** Counts one petitioner's name. */
  add(name: NameParts): void {
    const f = hashKey(name.key);
    const p = hashKey(`${name.surname}|${name.given}`);
    this.full.set(f, (this.full.get(f) ?? 0) + 1);
    this.pair.set(p, (this.pair.get(p) ?? 0) + 1);
    this.total += 1;
  }

  /**
   * Smoothed shares of a name: (count + 1) / (total + 1000), so a young store does not treat
   * its first names as unique.
   */
  frequencies(name: NameParts): NameFrequencies {
    const n = this.total + 1000;
    const full = ((this.full.get(hashKey(name.key)) ?? 0) + 1) / n;
    const pair = ((this.pair.get(hashKey(`${name.surname}|${name.given}`)) ?? 0) + 1) / n;
    return { full, surnameGiven: Math.max(pair, full) };
  }
}
