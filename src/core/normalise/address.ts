/**
 * Free-text Vietnamese addresses into parts: house number, street (or tổ/khu vực/thôn), ward or
 * commune, district, province. People write the same place as "12 Trần Hưng Đạo, P. Đống Đa,
 * TP. Quy Nhơn, Bình Định", "số 12 đường Trần Hưng Đạo, phường Đống Đa, …", with dashes and no
 * unit words, or "P.Đống Đa, Tp Quy Nhơn, BĐ". Unit words and their abbreviations (P., Q., TP.,
 * TX., TT., H., X., T., Đ.) label a part; unlabelled parts fill ward → district → province in
 * order. Parts come out folded (lower-case ASCII) for matching.
 */
import { foldKey } from './text.ts';

/** A parsed address; every part is a folded key or null. */
export interface AddressParts {
  readonly original: string;
  readonly house: string | null;
  readonly street: string | null;
  /** tổ / khu vực / thôn / ấp text when there is no street. */
  readonly locality: string | null;
  readonly ward: string | null;
  readonly wardType: 'phuong' | 'xa' | 'thi tran' | 'dac khu' | null;
  readonly district: string | null;
  readonly province: string | null;
}

type Slot = 'ward' | 'district' | 'province';
const SLOTS: readonly Slot[] = ['ward', 'district', 'province'];

// Folded unit prefixes ("p." folds to "p"), longest first; the slot each one labels.
const PREFIXES: readonly [RegExp, Slot, AddressParts['wardType']][] = [
  [/^(phuong|p)(?: |$)/u, 'ward', 'phuong'],
  [/^(thi tran|tt)(?: |$)/u, 'ward', 'thi tran'],
  [/^(dac khu)(?: |$)/u, 'ward', 'dac khu'],
  [/^(xa|x)(?: |$)/u, 'ward', 'xa'],
  [/^(thanh pho|tp|thi xa|tx|quan|q|huyen|h)(?: |$)/u, 'district', null],
  [/^(tinh|t)(?: |$)/u, 'province', null],
];
const LOCALITY = /^(to|kv|khu vuc|khu pho|kp|thon|ap|xom|ban|doi)(?: |$)/u;

interface Labelled {
  slot: Slot;
  value: string;
  wardType: AddressParts['wardType'];
}

function label(part: string): Labelled | null {
  for (const [re, slot, wardType] of PREFIXES) {
    const m = re.exec(part);
    if (m !== null) return { slot, value: part.slice(m[0].length).trim(), wardType };
  }
  return null;
}

function splitParts(original: string): string[] {
  // "P.Đống Đa" → "P. Đống Đa" before folding, so the abbreviation stays a word of its own.
  const spaced = original.replace(/\b(TP|Tp|tp|TX|TT|P|Q|H|X|T|Đ|đ)\.(?=\S)/gu, '$1. ');
  return spaced
    .split(/\s*[,;]\s*|\s+-\s+/u)
    .map((p) => foldKey(p))
    .filter((p) => p !== '');
}

function parseLocal(first: string): Pick<AddressParts, 'house' | 'street' | 'locality'> {
  if (LOCALITY.test(first)) return { house: null, street: null, locality: first };
  const m = /^(?:so )?([0-9]+[a-z]?(?: [0-9]+)*|k[0-9]+(?: [0-9]+)?)(?: (?:duong|d) | )(.+)$/u.exec(
    first,
  );
  if (m !== null) {
    return {
      house: m[1] ?? null,
      street: (m[2] ?? '').replace(/^(duong|d) /u, ''),
      locality: null,
    };
  }
  return { house: null, street: first.replace(/^(duong|d) /u, ''), locality: null };
}

/** Parses a free-text address into folded parts. */
export function parseAddress(original: string): AddressParts {
  const parts = splitParts(original);
  const found: Partial<Record<Slot, string>> = {};
  let wardType: AddressParts['wardType'] = null;
  let local: string[] = [];
  let lastSlot = -1;
  for (const [i, part] of parts.entries()) {
    const l = label(part);
    if (l !== null && l.value !== '') {
      // "Q. 1, TP. Hồ Chí Minh": a second district-level word names the province-level city.
      const slot = l.slot === 'district' && found.district !== undefined ? 'province' : l.slot;
      found[slot] = l.value;
      if (l.slot === 'ward') wardType = l.wardType;
      lastSlot = Math.max(lastSlot, SLOTS.indexOf(slot));
    } else if (i === 0 || (lastSlot < 0 && LOCALITY.test(part))) {
      local.push(part);
    } else {
      const free = SLOTS.findIndex((s, k) => k > lastSlot && found[s] === undefined);
      if (free < 0) continue;
      found[SLOTS[free] as Slot] = part;
      lastSlot = free;
    }
  }
  if (local.length > 1 && local.every((p) => LOCALITY.test(p))) local = [local.join(' ')];
  local = local.map((p) => p.replace(/\bkhu vuc\b/gu, 'kv').replace(/\bkhu pho\b/gu, 'kp'));
  return {
    original,
    ...parseLocal(local.join(' ')),
    ward: found.ward ?? null,
    wardType,
    district: found.district ?? null,
    province: found.province ?? null,
  };
}
