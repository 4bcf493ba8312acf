/**
 * How common each name is among indexed petitioners, for frequency-aware name weights: full
 * folded names and surname + given pairs, counted by interned id. Shares are smoothed so a name
 * seen once is still rarer than a name seen a hundred times, never "impossible".
 */
import { ensure } from './columns.ts';
import type { NameFrequencies } from './fs-model.ts';

const PAIR = 4_194_304;

/** Running counts of names. */
export class NameCounts {
  private full = new Int32Array(1024);
  private readonly pair = new Map<number, number>();
  private total = 0;

  /** Counts one petitioner's name (interned full key, surname and given name). */
  add(key: number, surname: number, given: number): void {
    this.full = ensure(this.full, key + 1);
    this.full[key] = (this.full[key] as number) + 1;
    const p = surname * PAIR + given;
    this.pair.set(p, (this.pair.get(p) ?? 0) + 1);
    this.total += 1;
  }

  /**
   * Smoothed shares of a name: (count + 1) / (total + 1000), so a young store does not treat
   * its first names as unique.
   */
  frequencies(key: number, surname: number, given: number): NameFrequencies {
    const n = this.total + 1000;
    const full = ((this.full[key] ?? 0) + 1) / n;
    const pair = ((this.pair.get(surname * PAIR + given) ?? 0) + 1) / n;
    return { full, surnameGiven: Math.max(pair, full) };
  }
}
