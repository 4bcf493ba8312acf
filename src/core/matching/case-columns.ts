/**
 * What the index keeps of each petition, in typed-array columns: hub id, content (hash of the
 * folded text, 32-bit syllable-bigram hashes and hashes of the cited numbers, pooled), kind,
 * field area, receipt day, anonymity and where its petitioners' person records start. Compared
 * pairwise without allocating more than two sub-array views.
 */
import { scoreCaseParts, type CaseFeatures, type CaseScore } from './case-compare.ts';
import { ensure, Interner } from './columns.ts';
import { hashKey } from './similarity.ts';

/** Sorted distinct 32-bit folds of 53-bit hashes. */
function fold32(hashes: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(hashes.length);
  for (let i = 0; i < hashes.length; i++) out[i] = (hashes[i] as number) % 4294967296;
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++)
    if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i] as number;
  return out.subarray(0, n);
}

/** |a ∩ b| / |a ∪ b| of two sorted ranges of one pool; null when both are empty. */
function jaccardRanges(
  pool: Uint32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): number | null {
  if (a0 === a1 && b0 === b1) return null;
  let [i, j, both] = [a0, b0, 0];
  while (i < a1 && j < b1) {
    const x = pool[i] as number;
    const y = pool[j] as number;
    if (x === y) {
      both += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return both / (a1 - a0 + (b1 - b0) - both);
}

/** Columns of every staged petition. */
export class CaseColumns {
  size = 0;
  readonly hubIds: string[] = [];
  private readonly byHubId = new Map<string, number>();
  private readonly labels = new Interner();
  text = new Float64Array(1024);
  /** Content blocking keys: the folded text, and the cited numbers when there are three or more. */
  textKey = new Float64Array(1024);
  numbersKey = new Float64Array(1024);
  kind = new Int32Array(1024);
  fieldArea = new Int32Array(1024);
  receivedDay = new Int32Array(1024);
  anonymous = new Uint8Array(1024);
  firstPerson = new Int32Array(1024);
  personCount = new Uint8Array(1024);
  private shStart = new Int32Array(1025);
  private shPool = new Uint32Array(16384);
  private numStart = new Int32Array(1025);
  private numPool = new Uint32Array(4096);

  private reserve(n: number): void {
    this.text = ensure(this.text, n);
    this.textKey = ensure(this.textKey, n);
    this.numbersKey = ensure(this.numbersKey, n);
    this.kind = ensure(this.kind, n);
    this.fieldArea = ensure(this.fieldArea, n);
    this.receivedDay = ensure(this.receivedDay, n);
    this.anonymous = ensure(this.anonymous, n);
    this.firstPerson = ensure(this.firstPerson, n);
    this.personCount = ensure(this.personCount, n);
    this.shStart = ensure(this.shStart, n + 1);
    this.numStart = ensure(this.numStart, n + 1);
  }

  /** Stores a petition whose petitioners are person records first..first+count-1. */
  stage(hubId: string, f: CaseFeatures, firstPerson: number, count: number): number {
    const p = this.size++;
    this.reserve(p + 1);
    this.hubIds.push(hubId);
    this.byHubId.set(hubId, p);
    this.text[p] = f.content.text;
    // The same text citing the same numbers: a template letter with other numbers is another matter.
    this.textKey[p] = hashKey(`t:${f.content.text}|${[...f.content.numbers].sort().join(' ')}`);
    this.numbersKey[p] =
      f.content.numbers.size >= 3 ? hashKey(`n:${[...f.content.numbers].sort().join(' ')}`) : NaN;
    this.kind[p] = this.labels.id(f.kind);
    this.fieldArea[p] = f.fieldArea === null ? -1 : this.labels.id(f.fieldArea);
    this.receivedDay[p] = f.receivedDay;
    this.anonymous[p] = f.anonymous ? 1 : 0;
    this.firstPerson[p] = firstPerson;
    this.personCount[p] = count;
    const sh = fold32(f.content.shingles);
    const s0 = this.shStart[p] as number;
    this.shPool = ensure(this.shPool, s0 + sh.length);
    this.shPool.set(sh, s0);
    this.shStart[p + 1] = s0 + sh.length;
    const nums = fold32([...f.content.numbers].map((n) => hashKey(n)));
    const n0 = this.numStart[p] as number;
    this.numPool = ensure(this.numPool, n0 + nums.length);
    this.numPool.set(nums, n0);
    this.numStart[p + 1] = n0 + nums.length;
    return p;
  }

  /** Index of a petition by hub id. */
  indexOf(hubId: string): number | undefined {
    return this.byHubId.get(hubId);
  }

  private shingles(a: number, b: number): number | null {
    const s = this.shStart;
    return jaccardRanges(
      this.shPool,
      s[a] as number,
      s[a + 1] as number,
      s[b] as number,
      s[b + 1] as number,
    );
  }

  private numbers(a: number, b: number): number | null {
    const s = this.numStart;
    return jaccardRanges(
      this.numPool,
      s[a] as number,
      s[a + 1] as number,
      s[b] as number,
      s[b + 1] as number,
    );
  }

  private label(id: number): string | null {
    return id < 0 ? null : this.labels.value(id);
  }

  /** Scores petition a against petition b (same rules as compareCases). */
  compare(a: number, b: number, personOverlap: number | null): CaseScore {
    return scoreCaseParts(
      {
        text: this.shingles(a, b) ?? 0,
        numbers: this.numbers(a, b),
        kindA: this.labels.value(this.kind[a] as number),
        kindB: this.labels.value(this.kind[b] as number),
        fieldAreaA: this.label(this.fieldArea[a] as number),
        fieldAreaB: this.label(this.fieldArea[b] as number),
        daysApart: Math.abs((this.receivedDay[a] as number) - (this.receivedDay[b] as number)),
        sameText: this.text[a] === this.text[b],
        bothAnonymous: this.anonymous[a] === 1 && this.anonymous[b] === 1,
      },
      personOverlap,
    );
  }
}
