import { describe, expect, it } from 'vitest';
import { missedRun, previousFire } from '../../../src/scheduler/catch-up.ts';

describe('catch-up', () => {
  it('reads schedules in Vietnam time (UTC+7)', () => {
    // 08:00 in Hà Nội is 01:00 UTC.
    const prev = previousFire('0 8 * * *', new Date('2026-11-21T03:00:00Z'));
    expect(prev.toISOString()).toBe('2026-11-21T01:00:00.000Z');
  });

  it('catches up when the last run is older than the last fire time, or there was none', () => {
    const now = new Date('2026-11-21T03:00:00Z');
    expect(missedRun('0 8 * * *', null, now)).toBe(true);
    expect(missedRun('0 8 * * *', new Date('2026-11-20T01:00:05Z'), now)).toBe(true);
    expect(missedRun('0 8 * * *', new Date('2026-11-21T01:00:02Z'), now)).toBe(false);
  });
});
