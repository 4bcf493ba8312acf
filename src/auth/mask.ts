/**
 * Masking of petitioners' identities for people who may not see them. A masked petition keeps
 * its shape (how many petitioners, which fields were filled) but none of the personal values:
 * name, identity number, birth date/year, address and phone. Raw source records have no known
 * shape, so they are redacted by value: every string that contains one of the petition's
 * personal values (compared without case, tone marks or spacing; numbers by their digits) is
 * replaced. Rejected values of personal fields show only their shape (letters → x, digits → 9),
 * which is what an officer needs to fix a format error.
 */
import type { Petition } from '../core/petition-schema.ts';

/** What replaces a hidden value. */
export const MASK = '•••';

type Petitioner = Petition['petitioners'][number];

function maskPetitioner(p: Petitioner): Petitioner {
  return {
    kind: p.kind,
    name: MASK,
    ...(p.idDocument === undefined
      ? {}
      : { idDocument: { type: p.idDocument.type, number: MASK } }),
    ...(p.birthYear === undefined ? {} : { birthYear: 0 }),
    ...(p.birthDate === undefined ? {} : { birthDate: MASK }),
    ...(p.sex === undefined ? {} : { sex: p.sex }),
    ...(p.address === undefined ? {} : { address: { text: MASK } }),
    ...(p.phone === undefined ? {} : { phone: MASK }),
    ...(p.representative === undefined ? {} : { representative: p.representative }),
  };
}

/** A copy of the petition with every petitioner's identity masked. */
export function maskPetition(record: Petition): Petition {
  return { ...record, petitioners: record.petitioners.map(maskPetitioner) };
}

/** Lower case, no tone marks, no spaces or punctuation: how identities are compared. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The folded personal values of a petition (for value-based redaction of its raw record). */
export function personalValues(record: Petition): string[] {
  const out: string[] = [];
  for (const p of record.petitioners) {
    out.push(p.name);
    if (p.idDocument !== undefined) out.push(p.idDocument.number);
    if (p.birthDate !== undefined) out.push(p.birthDate);
    if (p.address !== undefined) out.push(p.address.text);
    if (p.phone !== undefined) out.push(p.phone.replace(/^\+84/, '0'), p.phone);
  }
  const folded = out.map(foldText).filter((v) => v.length >= 4);
  // Phone and id numbers also match by their last 8 digits (sources write +84, spaces, dots).
  const digits = out.map((v) => v.replace(/\D/g, '')).filter((d) => d.length >= 8);
  return [...new Set([...folded, ...digits.map((d) => d.slice(-8))])];
}

function leaks(value: string, secrets: readonly string[]): boolean {
  const folded = foldText(value);
  const digits = value.replace(/\D/g, '');
  return secrets.some((s) => folded.includes(s) || (digits.length >= 8 && digits.includes(s)));
}

/** A copy of a raw payload with every string holding a personal value replaced by MASK. */
export function redactRaw(payload: unknown, secrets: readonly string[]): unknown {
  if (typeof payload === 'string') return leaks(payload, secrets) ? MASK : payload;
  if (typeof payload === 'number') return leaks(String(payload), secrets) ? MASK : payload;
  if (Array.isArray(payload)) return payload.map((v) => redactRaw(v, secrets));
  if (payload !== null && typeof payload === 'object') {
    return Object.fromEntries(
      Object.entries(payload).map(([k, v]) => [k, redactRaw(v, secrets)] as const),
    );
  }
  return payload;
}

const PERSONAL_FIELD = /petitioners|name|idnumber|iddocument|birth|address|phone|cccd|cmnd/i;

/** True when a canonical or source field name holds personal data. */
export function isPersonalField(...names: readonly (string | null)[]): boolean {
  return names.some((n) => n !== null && PERSONAL_FIELD.test(n));
}

/** The shape of a value: letters → x (X when upper case), digits → 9, the rest kept. */
export function shapeOf(value: string): string {
  return [...value]
    .map((ch) => {
      if (/\p{Nd}/u.test(ch)) return '9';
      if (/\p{Lu}/u.test(ch)) return 'X';
      if (/\p{L}/u.test(ch)) return 'x';
      return /\p{M}/u.test(ch) ? '' : ch;
    })
    .join('');
}
