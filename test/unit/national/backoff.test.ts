// The push queue's backoff between attempts of one submission: exponential, jittered, capped.
import { describe, expect, it } from 'vitest';
import { cappedBackoff, MAX_BACKOFF_MS } from '../../../src/queue/push-queue.ts';

describe('capped exponential backoff', () => {
  it('doubles from backoffMs, with ±25 % jitter', () => {
    expect(cappedBackoff(100, 1, () => 0.5)).toBe(100);
    expect(cappedBackoff(100, 4, () => 0.5)).toBe(800);
    expect(cappedBackoff(100, 4, () => 0)).toBe(600);
    expect(cappedBackoff(100, 4, () => 1)).toBe(1000);
  });

  it('never waits much longer than MAX_BACKOFF_MS, however many attempts failed', () => {
    expect(cappedBackoff(2000, 30, () => 0.5)).toBe(MAX_BACKOFF_MS);
    expect(cappedBackoff(2000, 30, () => 1)).toBe(MAX_BACKOFF_MS * 1.25);
  });
});
