/**
 * Blocking keys: a new petitioner is compared only with stored petitioners sharing at least one
 * key. The keys are chosen so a true match survives a missing identity number (name + birth
 * year, name + ward, phone), a missing birth year (name + ward), a single mistyped identity digit
 * (the number with each third masked: one typo spoils only one of the three) and a typo in the
 * name (given name + year + ward, surname + middle + year + ward).
 */
import type { PersonFeatures } from '../normalise/person.ts';

function maskedThirds(n: string): string[] {
  const step = Math.ceil(n.length / 3);
  return [0, 1, 2].map((k) => `im${k}:${n.slice(0, k * step)}_${n.slice((k + 1) * step)}`);
}

/** The blocking keys of one petitioner (strings; the index hashes them). */
export function personBlockingKeys(f: PersonFeatures): string[] {
  const keys: string[] = [];
  if (f.id !== null) {
    keys.push(`i:${f.id.number}`);
    if (/^\d{9}$|^\d{12}$/u.test(f.id.number)) keys.push(...maskedThirds(f.id.number));
  }
  if (f.phone !== null) keys.push(`p:${f.phone}`);
  const n = f.name;
  if (n === null) return keys;
  const y = f.birthYear;
  if (y !== null) keys.push(`ny:${n.key}|${y}`, `sgy:${n.surname}|${n.given}|${y}`);
  if (f.ward !== null) keys.push(`nw:${n.key}|${f.ward}`);
  if (y !== null && f.ward !== null) {
    keys.push(
      `gyw:${n.given}|${y}|${f.ward}`,
      `smy:${n.surname}|${n.middle.join(' ')}|${y}|${f.ward}`,
    );
  }
  return keys;
}
