/**
 * Vietnamese full names at realistic frequencies: surname, one (sometimes two) middle names
 * chosen by sex, and a given name chosen by sex. Names come out in NFC with the new tone
 * placement; messiness.ts makes the variants sources really send.
 */
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './data/given-names.ts';
import { FEMALE_MIDDLE_NAMES, MALE_MIDDLE_NAMES } from './data/middle-names.ts';
import { SURNAMES } from './data/surnames.ts';
import type { Sex } from './cccd.ts';
import type { Rng } from './rng.ts';

/** A generated name in its parts and in full. */
export interface SynthName {
  readonly surname: string;
  readonly middleNames: readonly string[];
  readonly givenName: string;
  /** "Surname Middle Given", single spaces, NFC. */
  readonly fullName: string;
}

/** Generates a name for a person of the given sex. */
export function generateName(rng: Rng, sex: Sex): SynthName {
  const surname = rng.weighted(SURNAMES);
  const middleList = sex === 'F' ? FEMALE_MIDDLE_NAMES : MALE_MIDDLE_NAMES;
  const middleNames = [rng.weighted(middleList)];
  if (rng.chance(0.08)) {
    const second = rng.weighted(middleList);
    if (second !== middleNames[0]) middleNames.push(second);
  }
  const givenName = rng.pick(sex === 'F' ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
  return {
    surname,
    middleNames,
    givenName,
    fullName: [surname, ...middleNames, givenName].join(' '),
  };
}
