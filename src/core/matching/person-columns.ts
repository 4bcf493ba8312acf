/**
 * What the index keeps of each petitioner, one typed-array column per field: interned name
 * tokens and ward, the identity number as a number (with its length and checks), birth year,
 * sex, hashes of phone and house/street, and the hashed blocking keys. About 130 bytes a
 * petitioner instead of a few kilobytes of objects, and a comparison reads numbers only (edit
 * distances on names and digits are the exception, computed on demand).
 */
import type { PersonFeatures } from '../normalise/person.ts';
import { personBlockingKeys } from './blocking.ts';
import { ensure, Interner } from './columns.ts';
import { editDistance, hashKey } from './similarity.ts';

/** Level of each field in PERSON_FIELDS order (name, id, birthYear, sex, ward, local, phone); -1 missing. */
export type LevelVector = Int8Array;

const TYPES = ['CCCD', 'CMND', 'PASSPORT', 'OTHER'] as const;
const PRESENT = 1;
const WELL_FORMED = 8;
const VALID = 16;
const PASSPORT = 2;
const NUMERIC = /^\d{1,15}$/u;

const POW10 = Float64Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Digit `pos` (0 = last) of a non-negative integer below 10^15. */
function digitAt(n: number, pos: number): number {
  return Math.floor(n / (POW10[pos] as number)) % 10;
}

/** Optimal-string-alignment distance ≤ 1 between two numbers of `len` digits. */
function digitsNear(a: number, b: number, len: number): boolean {
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < len; i++) {
    if (digitAt(a, i) === digitAt(b, i)) continue;
    diffs += 1;
    if (diffs === 1) first = i;
    else if (diffs > 2) return false;
    else if (i !== first + 1) return false;
  }
  if (diffs <= 1) return true;
  return digitAt(a, first) === digitAt(b, first + 1) && digitAt(a, first + 1) === digitAt(b, first);
}

/** Integer fields per record, interleaved so one comparison touches one cache line. */
const NAME = 0;
const SURNAME = 1;
const GIVEN = 2;
const WARD = 3;
/** Birth year (16 bits), sex (2 bits), identity flags (5 bits), identity length (4 bits). */
const PACKED = 4;
const PETITION = 5;
const INTS = 6;
/** Number fields per record: identity number, phone hash, house/street hash. */
const ID = 0;
const PHONE = 1;
const LOCAL = 2;
const FLOATS = 3;

const year = (packed: number): number => packed & 0xffff;
const sexOf = (packed: number): number => (packed >>> 16) & 3;
const flagsOf = (packed: number): number => (packed >>> 18) & 31;
const idLenOf = (packed: number): number => (packed >>> 23) & 15;

/** Columns of every staged petitioner. */
export class PersonColumns {
  size = 0;
  readonly names = new Interner();
  readonly tokens = new Interner();
  readonly wards = new Interner();
  private ints = new Int32Array(1024 * INTS);
  private floats = new Float64Array(1024 * FLOATS);
  private idxs = new Uint8Array(1024);
  /** Identity numbers that are not all digits (passports), by record. */
  private readonly idText = new Map<number, string>();
  private keyStart = new Int32Array(1025);
  private keyPool = new Float64Array(8192);

  /** Stores one petitioner (petitioner `idx` of petition `petition`); returns its record index. */
  stage(f: PersonFeatures, petition: number, idx: number): number {
    const r = this.size++;
    this.ints = ensure(this.ints, (r + 1) * INTS);
    this.floats = ensure(this.floats, (r + 1) * FLOATS);
    this.idxs = ensure(this.idxs, r + 1);
    this.keyStart = ensure(this.keyStart, r + 2);
    const i = r * INTS;
    const n = f.name;
    this.ints[i + NAME] = n === null ? -1 : this.names.id(n.key);
    this.ints[i + SURNAME] = n === null ? -1 : this.tokens.id(n.surname);
    this.ints[i + GIVEN] = n === null ? -1 : this.tokens.id(n.given);
    this.ints[i + WARD] = f.ward === null ? -1 : this.wards.id(f.ward);
    this.ints[i + PETITION] = petition;
    this.idxs[r] = idx;
    const sex = f.sex === null ? 0 : f.sex === 'M' ? 1 : 2;
    const { flags, len, num } = this.identity(r, f.id);
    this.ints[i + PACKED] =
      ((f.birthYear ?? 0) & 0xffff) | (sex << 16) | (flags << 18) | (len << 23);
    const j = r * FLOATS;
    this.floats[j + ID] = num;
    this.floats[j + PHONE] = f.phone === null ? NaN : hashKey(f.phone);
    this.floats[j + LOCAL] = f.local === null ? NaN : hashKey(f.local);
    const keys = personBlockingKeys(f);
    const start = this.keyStart[r] as number;
    this.keyPool = ensure(this.keyPool, start + keys.length);
    keys.forEach((k, x) => (this.keyPool[start + x] = hashKey(k)));
    this.keyStart[r + 1] = start + keys.length;
    return r;
  }

  private identity(
    r: number,
    id: PersonFeatures['id'],
  ): { flags: number; len: number; num: number } {
    if (id === null) return { flags: 0, len: 0, num: NaN };
    const flags =
      PRESENT |
      (TYPES.indexOf(id.type) << 1) |
      (id.wellFormedCccd ? WELL_FORMED : 0) |
      (id.validCccd ? VALID : 0);
    if (NUMERIC.test(id.number)) return { flags, len: id.number.length, num: Number(id.number) };
    this.idText.set(r, id.number);
    return { flags, len: 0, num: NaN };
  }

  /** Interned folded full name of r (-1 without a name). */
  nameKey(r: number): number {
    return this.ints[r * INTS + NAME] as number;
  }

  /** Interned surname of r. */
  surname(r: number): number {
    return this.ints[r * INTS + SURNAME] as number;
  }

  /** Interned given name of r. */
  given(r: number): number {
    return this.ints[r * INTS + GIVEN] as number;
  }

  /** Petition index of r. */
  petition(r: number): number {
    return this.ints[r * INTS + PETITION] as number;
  }

  /** Index of r among its petition's petitioners. */
  idx(r: number): number {
    return this.idxs[r] as number;
  }

  /** Hashed blocking keys of record r. */
  keysOf(r: number): Float64Array {
    return this.keyPool.subarray(this.keyStart[r], this.keyStart[r + 1]);
  }

  /** True when r carries a valid CCCD. */
  validCccd(r: number): boolean {
    return (flagsOf(this.ints[r * INTS + PACKED] as number) & VALID) !== 0;
  }

  /** The identity number of r as written after normalisation, or null. */
  idNumber(r: number): string | null {
    const packed = this.ints[r * INTS + PACKED] as number;
    if ((flagsOf(packed) & PRESENT) === 0) return null;
    const text = this.idText.get(r);
    if (text !== undefined) return text;
    return String(this.floats[r * FLOATS + ID]).padStart(idLenOf(packed), '0');
  }

  /** Same identity number on both records. */
  sameId(a: number, b: number): boolean {
    const na = this.floats[a * FLOATS + ID] as number;
    if (Number.isNaN(na)) return this.idNumber(a) === this.idNumber(b);
    return (
      na === this.floats[b * FLOATS + ID] &&
      idLenOf(this.ints[a * INTS + PACKED] as number) ===
        idLenOf(this.ints[b * INTS + PACKED] as number)
    );
  }

  private nameLevel(ia: number, ib: number): number {
    const ka = this.ints[ia + NAME] as number;
    const kb = this.ints[ib + NAME] as number;
    if (ka < 0 || kb < 0) return -1;
    if (ka === kb) return 0;
    const sameGiven = this.ints[ia + GIVEN] === this.ints[ib + GIVEN];
    if (sameGiven && this.ints[ia + SURNAME] === this.ints[ib + SURNAME]) return 1;
    const sa = this.names.value(ka);
    const sb = this.names.value(kb);
    if (Math.min(sa.length, sb.length) >= 8 && editDistance(sa, sb, 2) <= 2) return 2;
    return sameGiven ? 3 : 4;
  }

  private idLevel(a: number, b: number, pa: number, pb: number): number {
    const fa = flagsOf(pa);
    const fb = flagsOf(pb);
    if ((fa & PRESENT) === 0 || (fb & PRESENT) === 0) return -1;
    if (this.sameId(a, b)) return 0;
    if (((fa >> 1) & 3) === PASSPORT || ((fb >> 1) & 3) === PASSPORT) return -1;
    const la = idLenOf(pa);
    const lb = idLenOf(pb);
    let near: boolean;
    if (la > 0 && lb > 0) {
      if (la !== lb) return -1;
      const na = this.floats[a * FLOATS + ID] as number;
      near = digitsNear(na, this.floats[b * FLOATS + ID] as number, la);
    } else {
      const sa = this.idNumber(a) as string;
      const sb = this.idNumber(b) as string;
      if (sa.length !== sb.length) return -1;
      near = editDistance(sa, sb, 1) <= 1;
    }
    if (near) return 1;
    return (fa & VALID) !== 0 && (fb & VALID) !== 0 ? 3 : 2;
  }

  /**
   * Compares record a with record b into `out` (levels in PERSON_FIELDS order, -1 missing);
   * returns true when both carry valid CCCDs that differ.
   */
  compare(a: number, b: number, out: LevelVector): boolean {
    const ia = a * INTS;
    const ib = b * INTS;
    const pa = this.ints[ia + PACKED] as number;
    const pb = this.ints[ib + PACKED] as number;
    out[0] = this.nameLevel(ia, ib);
    out[1] = this.idLevel(a, b, pa, pb);
    out[2] = yearLevel(year(pa), year(pb));
    out[3] = same(sexOf(pa), sexOf(pb), 0);
    const wa = this.ints[ia + WARD] as number;
    const wb = this.ints[ib + WARD] as number;
    out[4] = same(wa, wb, -1);
    const fa = a * FLOATS;
    const fb = b * FLOATS;
    out[5] = wa >= 0 && wa === wb ? sameHash(this.floats[fa + LOCAL], this.floats[fb + LOCAL]) : -1;
    out[6] = sameHash(this.floats[fa + PHONE], this.floats[fb + PHONE]);
    return (flagsOf(pa) & VALID) !== 0 && (flagsOf(pb) & VALID) !== 0 && out[1] !== 0;
  }
}

function yearLevel(ya: number, yb: number): number {
  if (ya === 0 || yb === 0) return -1;
  if (ya === yb) return 0;
  if (Math.abs(ya - yb) <= 1) return 1;
  const la = String(ya).length;
  const near =
    la === String(yb).length
      ? digitsNear(ya, yb, la)
      : editDistance(String(ya), String(yb), 1) <= 1;
  return near ? 1 : 2;
}

function same(a: number, b: number, missing: number): number {
  if (a === missing || b === missing) return -1;
  return a === b ? 0 : 1;
}

function sameHash(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b)) return -1;
  return a === b ? 0 : 1;
}
