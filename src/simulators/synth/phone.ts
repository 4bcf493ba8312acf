/**
 * Vietnamese phone numbers: 10-digit mobiles and 11-digit Quy Nhơn landlines (0256 + 7
 * digits), and the many ways people write them on a form.
 */
import { MOBILE_PREFIXES, QUYNHON_LANDLINE_AREA_CODE } from './data/phone-prefixes.ts';
import type { Rng } from './rng.ts';

/** How a phone number is written. */
export type PhoneStyle = 'plain' | 'dots' | 'spaces' | 'intl' | 'intlCompact' | 'paren';

/** All phone styles, for random choice. */
export const PHONE_STYLES: readonly PhoneStyle[] = [
  'plain',
  'dots',
  'spaces',
  'intl',
  'intlCompact',
  'paren',
];

/** Generates a phone number as digits only, leading 0 (a landline with probability landlineRate). */
export function generatePhone(rng: Rng, landlineRate = 0.1): string {
  if (rng.chance(landlineRate)) {
    return `${QUYNHON_LANDLINE_AREA_CODE}3${String(rng.int(0, 999_999)).padStart(6, '0')}`;
  }
  return `${rng.weighted(MOBILE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

/** Writes digits ("0905123456", "02563822123") in a style, e.g. "+84 905 123 456", "(0256) 3822 123". */
export function formatPhone(digits: string, style: PhoneStyle): string {
  const landline = digits.startsWith(QUYNHON_LANDLINE_AREA_CODE) && digits.length === 11;
  const [head, mid, tail] = landline
    ? [digits.slice(0, 4), digits.slice(4, 8), digits.slice(8)]
    : [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)];
  switch (style) {
    case 'plain':
      return digits;
    case 'dots':
      return `${head}.${mid}.${tail}`;
    case 'spaces':
      return `${head} ${mid} ${tail}`;
    case 'intl':
      return `+84 ${head.slice(1)} ${mid} ${tail}`;
    case 'intlCompact':
      return `+84${digits.slice(1)}`;
    case 'paren':
      return `(${head}) ${mid} ${tail}`;
  }
}

/** Writes digits in a randomly chosen style. */
export function formatPhoneMessy(rng: Rng, digits: string): string {
  return formatPhone(digits, rng.pick(PHONE_STYLES));
}
