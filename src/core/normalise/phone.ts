/**
 * Vietnamese phone numbers to one spelling for matching: digits, national form with a leading
 * 0 ("+84 905 123 456" → "0905123456"). Numbers that cannot be a Vietnamese phone (fewer than 9
 * or more than 11 national digits) give null rather than a misleading key.
 */

/** National-form digits of a phone number, or null when it is not a plausible Vietnamese phone. */
export function normalisePhone(raw: string): string | null {
  const plus = raw.trimStart().startsWith('+');
  let d = raw.replace(/[^0-9]/gu, '');
  if (plus && d.startsWith('84')) d = d.slice(2);
  else if (d.startsWith('0084')) d = d.slice(4);
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = d.slice(2);
  if (!d.startsWith('0')) d = `0${d}`;
  return d.length >= 10 && d.length <= 11 ? d : null;
}
