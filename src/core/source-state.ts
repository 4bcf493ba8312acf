/**
 * The state of a source as inspectors see it, derived from its flags and its runs. One rule set,
 * used by the sources API and the dashboard alike.
 */

/** State of a source. */
export type SourceState = 'disabled' | 'paused' | 'running' | 'failing' | 'healthy' | 'never-run';

/** Status of a sync run. */
type RunStatus = 'running' | 'succeeded' | 'failed';

/** What the state is derived from. */
export interface SourceStateFacts {
  readonly enabled: boolean;
  readonly paused: boolean;
  /** Status of the latest run, finished or not. */
  readonly lastRunStatus: RunStatus | null;
  /** Status of the latest finished run. */
  readonly lastFinishedStatus: RunStatus | null;
}

/** Disabled and paused win; then a running run; then the outcome of the last finished run. */
export function sourceState(f: SourceStateFacts): SourceState {
  if (!f.enabled) return 'disabled';
  if (f.paused) return 'paused';
  if (f.lastRunStatus === 'running') return 'running';
  switch (f.lastFinishedStatus) {
    case 'failed':
      return 'failing';
    case 'succeeded':
      return 'healthy';
    case 'running':
    case null:
      return 'never-run';
  }
}
