import { describe, expect, it } from 'vitest';
import { sourceState } from '../../../src/core/source-state.ts';

const base = {
  enabled: true,
  paused: false,
  lastRunStatus: null,
  lastFinishedStatus: null,
} as const;

describe('sourceState', () => {
  it('puts disabled before paused before running before the last outcome', () => {
    expect(sourceState({ ...base, enabled: false, paused: true, lastRunStatus: 'running' })).toBe(
      'disabled',
    );
    expect(sourceState({ ...base, paused: true, lastRunStatus: 'running' })).toBe('paused');
    expect(sourceState({ ...base, lastRunStatus: 'running', lastFinishedStatus: 'failed' })).toBe(
      'running',
    );
  });

  it('reads the last finished run: failing, healthy, or never run', () => {
    expect(sourceState({ ...base, lastRunStatus: 'failed', lastFinishedStatus: 'failed' })).toBe(
      'failing',
    );
    expect(
      sourceState({ ...base, lastRunStatus: 'succeeded', lastFinishedStatus: 'succeeded' }),
    ).toBe('healthy');
    expect(sourceState(base)).toBe('never-run');
  });
});
