/**
 * The 2-digit codes of the 63 provinces before 1/7/2025. A CCCD number begins with "0" + one of
 * them (the province where the birth was registered). The list is closed history: it cannot
 * change, so it lives in code rather than in an operator-loaded table.
 */

/** Pre-2025 province codes. */
export const LEGACY_PROVINCE_CODES: ReadonlySet<string> = new Set(
  (
    '01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 ' +
    '48 49 51 52 54 56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96'
  ).split(' '),
);
