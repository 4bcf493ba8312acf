/**
 * How plausible a decoded text is as Vietnamese, to choose between legacy encodings that all
 * decode any byte sequence into something. Every word with a non-ASCII character must be a
 * well-formed Vietnamese syllable (initial consonant, a real vowel cluster, a final consonant,
 * at most one tone); a wrong decoding yields stray symbols ("Th¾ng"), marks on the wrong
 * letters or impossible clusters. Frequent syllables ("nguyễn", "thị", "khiếu"…) break ties.
 */

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/gu;
// Spacing, ASCII punctuation and digits, and common typographic punctuation separate words.
const SEPARATORS = /[\s!-@[-`{-~\u00a0\u00ab\u00bb\u2013\u2014\u2018-\u201f\u2026]+/u;
const INITIAL = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?';
const FINAL = '(?:ch|ng|nh|[cmnpt])?';
const NUCLEI = [
  'a',
  'ă',
  'â',
  'e',
  'ê',
  'i',
  'o',
  'ô',
  'ơ',
  'u',
  'ư',
  'y',
  'ai',
  'ao',
  'au',
  'ay',
  'âu',
  'ây',
  'eo',
  'êu',
  'ia',
  'iê',
  'iu',
  'oa',
  'oă',
  'oe',
  'oi',
  'ôi',
  'ơi',
  'oo',
  'ua',
  'uâ',
  'uê',
  'ui',
  'uô',
  'uơ',
  'uy',
  'ưa',
  'ưi',
  'ưu',
  'ươ',
  'yê',
  'iêu',
  'oai',
  'oao',
  'oay',
  'oeo',
  'uây',
  'uôi',
  'uya',
  'uyê',
  'uyu',
  'ươi',
  'ươu',
  'yêu',
];
const SYLLABLE = new RegExp(`^${INITIAL}(?:${NUCLEI.join('|')})${FINAL}$`, 'u');

const FREQUENT: ReadonlySet<string> = new Set(
  (
    'nguyễn thị văn của và đơn khiếu nại tố cáo kiến nghị phản ánh không người được việc đất ' +
    'xã phường huyện tỉnh thành phố ông bà năm ngày số có các cho đã về với là trần lê phạm ' +
    'hoàng huỳnh võ đặng bùi đỗ hồ ngô dương lý nhà đường thôn tổ quyết định giải quyết nữ ' +
    'hộ gia đình cán bộ ủy ban nhân dân quận cấp giấy chứng nhận quyền sử dụng'
  ).split(' '),
);

/** The verdict on one decoded text. */
export interface Plausibility {
  /** Words containing a non-ASCII character. */
  readonly words: number;
  /** Of those, the well-formed Vietnamese syllables. */
  readonly syllables: number;
  /** Words (any) that are frequent Vietnamese syllables. */
  readonly frequent: number;
  /** syllables / words (1 when there is no non-ASCII word). */
  readonly ratio: number;
}

/** True when a lower-case NFC word is a well-formed Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const nfd = word.normalize('NFD');
  const tones = nfd.match(TONES)?.length ?? 0;
  if (tones > 1) return false;
  return SYLLABLE.test(nfd.replace(TONES, '').normalize('NFC'));
}

/** Scores a decoded text (see the module comment). */
export function plausibility(text: string): Plausibility {
  let words = 0;
  let syllables = 0;
  let frequent = 0;
  for (const raw of text.normalize('NFC').split(SEPARATORS)) {
    if (raw === '') continue;
    const word = raw.toLowerCase();
    if (FREQUENT.has(word)) frequent += 1;
    if (!/[^\p{ASCII}]/u.test(word)) continue;
    words += 1;
    if (isVietnameseSyllable(word)) syllables += 1;
  }
  return { words, syllables, frequent, ratio: words === 0 ? 1 : syllables / words };
}
