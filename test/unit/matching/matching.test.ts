import { describe, expect, it } from 'vitest';
import type { Petitioner } from '../../../src/core/petition-schema.ts';
import { personBlockingKeys } from '../../../src/core/matching/blocking.ts';
import { DEFAULT_PARAMS } from '../../../src/core/matching/fs-model.ts';
import { DEFAULT_THRESHOLDS, scorePersons } from '../../../src/core/matching/person-decision.ts';
import { editDistance, jaccardSorted } from '../../../src/core/matching/similarity.ts';
import { stableIds } from '../../../src/core/matching/stable-ids.ts';
import { personFeatures } from '../../../src/core/normalise/person.ts';

const base: Petitioner = {
  kind: 'PERSON',
  name: 'Nguyễn Thị Hoà',
  idDocument: { type: 'CCCD', number: '052185001234' },
  birthYear: 1985,
  sex: 'F',
  address: { text: '12 Lê Lợi, P. Đống Đa, TP. Quy Nhơn' },
  phone: '0905123456',
};
const f = (p: Partial<Petitioner>) => personFeatures({ ...base, ...p }, null);
const score = (a: Partial<Petitioner>, b: Partial<Petitioner>) =>
  scorePersons(f(a), f(b), DEFAULT_PARAMS, DEFAULT_THRESHOLDS, {
    full: 0.003,
    surnameGiven: 0.004,
  });

describe('similarity', () => {
  it('counts a substitution, deletion or swap as one edit and stops past the bound', () => {
    expect(editDistance('052185001234', '052185001243', 2)).toBe(1);
    expect(editDistance('nguyen thi hoa', 'nguyen thi ho', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(jaccardSorted(new Float64Array([1, 2, 3]), new Float64Array([2, 3, 4]))).toBe(0.5);
  });
});

describe('person decision', () => {
  it('links the same citizen written differently, without id', () => {
    const s = score(
      {},
      { name: 'NGUYEN THI HOA', idDocument: undefined as never, phone: '+84905123456' },
    );
    expect(s.outcome).toBe('link');
  });

  it('never links two different valid CCCDs, and sends a one-digit difference to review', () => {
    expect(score({}, { idDocument: { type: 'CCCD', number: '052185001235' } }).outcome).toBe(
      'review',
    );
    const far = score({}, { idDocument: { type: 'CCCD', number: '052185998877' } });
    expect(far.outcome).toBe('distinct');
    expect(far.reasons.rule).toBe('different valid CCCDs');
  });

  it('links a mistyped CCCD that no longer agrees with the birth year', () => {
    expect(score({}, { idDocument: { type: 'CCCD', number: '052195001234' } }).outcome).toBe(
      'link',
    );
  });

  it('keeps namesakes in the same ward apart when birth year and contacts differ', () => {
    const s = score(
      { idDocument: undefined as never },
      {
        idDocument: undefined as never,
        birthYear: 1962,
        phone: '0912000111',
        address: { text: '80 Ngô Mây, P. Đống Đa' },
      },
    );
    expect(s.outcome).toBe('distinct');
  });
});

describe('blocking', () => {
  it('shares a key despite a mistyped id digit and despite a missing id', () => {
    const keys = new Set(personBlockingKeys(f({})));
    expect(
      personBlockingKeys(f({ idDocument: { type: 'CCCD', number: '052185001239' } })).some((k) =>
        keys.has(k),
      ),
    ).toBe(true);
    expect(
      personBlockingKeys(f({ idDocument: undefined as never, phone: undefined as never })).some(
        (k) => keys.has(k),
      ),
    ).toBe(true);
  });
});

describe('stable ids', () => {
  it('keeps the id of the largest overlap and gives new clusters new ids', () => {
    let n = 0;
    const ids = stableIds([['a', 'a', 'b'], ['a'], [null]], () => `new${++n}`);
    expect(ids).toEqual(['a', 'new1', 'new2']);
  });
});
