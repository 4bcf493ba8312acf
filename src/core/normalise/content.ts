/**
 * Petition content reduced for "same matter?" comparison: folded text with the boilerplate of
 * letters and reception summaries removed ("Kính gửi…", "Đơn khiếu nại của công dân về việc…",
 * "đề nghị xem xét giải quyết", "trân trọng cảm ơn"), syllable bigrams of what is left, and the
 * numbers it cites (decision numbers, dates, areas, amounts), which tell two letters on the same
 * kind of matter apart.
 */
import { hashKey } from '../matching/similarity.ts';
import { foldKey } from './text.ts';

/** Comparable form of a petition's content. */
export interface ContentFeatures {
  /** Hash of the folded text without boilerplate (equal hashes: the same text). */
  readonly text: number;
  /** Hashes of the syllable bigrams of the text's words (numbers excluded), sorted, distinct. */
  readonly shingles: Float64Array;
  /** Numbers cited, as written digits. */
  readonly numbers: ReadonlySet<string>;
}

// Folded phrases; longer first so a phrase is removed before a shorter one inside it.
const BOILERPLATE: readonly string[] = [
  'kinh gui',
  'toi ten la',
  'chung toi gom',
  'don khieu nai',
  'don to cao',
  'don kien nghi',
  'don phan anh',
  'don de nghi',
  'cua cong dan',
  've viec',
  'noi dung',
  'tom tat',
  'de nghi xem xet giai quyet',
  'kinh de nghi',
  'xin chan thanh cam on',
  'tran trong cam on',
  'tran trong',
  'nay toi lam don nay',
  'lam don nay',
  'kinh mong',
  'quy co quan',
  'dong kinh gui',
];
const PHRASES = new Map<string, string[][]>();
for (const phrase of BOILERPLATE) {
  const words = phrase.split(' ');
  const list = PHRASES.get(words[0] ?? '') ?? [];
  list.push(words);
  list.sort((a, b) => b.length - a.length);
  PHRASES.set(words[0] ?? '', list);
}
const STOP = new Set([
  'cua',
  'va',
  'cac',
  'tai',
  'de',
  'la',
  'cho',
  'voi',
  'da',
  'nhung',
  'mot',
  'o',
  'thi',
]);

/** Length of the boilerplate phrase starting at word i, 0 when none does. */
function phraseAt(words: readonly string[], i: number): number {
  for (const phrase of PHRASES.get(words[i] ?? '') ?? []) {
    if (phrase.every((w, k) => words[i + k] === w)) return phrase.length;
  }
  return 0;
}

/** Normalises a petition summary (and optional subject) for comparison. */
export function contentFeatures(summary: string, subject?: string): ContentFeatures {
  const all = foldKey(`${summary} ${subject ?? ''}`).split(' ');
  const words: string[] = [];
  const numbers = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    const skip = phraseAt(all, i);
    if (skip > 0) {
      i += skip - 1;
      continue;
    }
    const w = all[i] ?? '';
    if (w === '') continue;
    if (/^\d+$/u.test(w)) numbers.add(w.replace(/^0+(?=\d)/u, ''));
    else if (!STOP.has(w)) words.push(w);
  }
  const hashes = new Set<number>();
  for (let i = 0; i + 1 < words.length; i++) hashes.add(hashKey(`${words[i]} ${words[i + 1]}`));
  if (words.length === 1) hashes.add(hashKey(words[0] ?? ''));
  const shingles = Float64Array.from(hashes).sort();
  return { text: hashKey(words.join(' ')), shingles, numbers };
}
