// The Vietnamese plausibility score that picks a legacy encoding.
import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, plausibility } from '../../../src/lib/encodings/index.ts';

describe('isVietnameseSyllable', () => {
  it.each(['nguyễn', 'thị', 'khiếu', 'nại', 'người', 'quyết', 'giấy', 'đường', 'xoong', 'ước'])(
    'accepts %s',
    (w) => expect(isVietnameseSyllable(w)).toBe(true),
  );

  it.each(['nguyôn', 'v¨n', 'thþ', 'chaøo', 'naïi', 'hoàá', 'qwert'])('rejects %s', (w) =>
    expect(isVietnameseSyllable(w)).toBe(false),
  );
});

describe('plausibility', () => {
  it('scores correct text 1 and a wrong decoding low', () => {
    expect(plausibility('Nguyễn Thị Hoà, khiếu nại').ratio).toBe(1);
    expect(plausibility('NguyÔn ThÞ Hoµ, khiÕu n¹i').ratio).toBeLessThan(0.3);
  });

  it('counts frequent syllables and ignores ASCII-only words', () => {
    const p = plausibility('Số 12/QĐ-UBND: đơn của ông A');
    expect(p.frequent).toBeGreaterThanOrEqual(3);
    expect(p.words).toBe(5); // Số, QĐ, đơn, của, ông
  });
});
