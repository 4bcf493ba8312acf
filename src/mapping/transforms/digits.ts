/**
 * Transforms that strip formatting from identifiers: id numbers typed with spaces, dots or
 * dashes ("052 186 001.234"), passports with letters ("c 1234567").
 */

/** Keeps only the ASCII digits. */
export const digits = (s: string): string => s.replace(/[^0-9]/gu, '');

/** Keeps only ASCII letters and digits, upper-cased (passport numbers carry letters). */
export const alnum = (s: string): string => s.toUpperCase().replace(/[^0-9A-Z]/gu, '');
