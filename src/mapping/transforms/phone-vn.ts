/**
 * Vietnamese phone numbers to one spelling: digits only, national form with a leading 0.
 * Sources write "0905.123.456", "+84 905 123 456", "84905123456", "(0256) 3822 123".
 * The country code is only removed where it is certain: after "+" or "00", or a bare "84"
 * followed by the 9–10 digits of a national number without its 0.
 */

/** Digits of a Vietnamese phone number, with +84 / 0084 / 84 turned into the leading 0. */
export function phoneVN(s: string): string {
  const plus = s.trimStart().startsWith('+');
  let d = s.replace(/[^0-9]/gu, '');
  if (plus && d.startsWith('84')) return '0' + d.slice(2);
  if (plus) return '+' + d;
  if (d.startsWith('0084')) d = d.slice(4);
  else if (d.startsWith('84') && (d.length === 11 || d.length === 12)) d = d.slice(2);
  else return d;
  return d.startsWith('0') ? d : '0' + d;
}
