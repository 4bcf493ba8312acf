/**
 * What happened to one submission when the push handled it; the push queue acts on it (enqueue
 * the follow-up, retry later, hold the queue) and the metrics count it.
 */

/** What happened to one submission. */
export type PushOutcome =
  | {
      readonly status: 'acknowledged';
      readonly nationalCaseId: string;
      readonly duplicate: boolean;
      readonly stage: number;
      /** The next step queued for the same petition, to enqueue. */
      readonly followUpId: string | null;
    }
  | {
      readonly status: 'skipped';
      readonly reason: 'missing' | 'already-done' | 'up-to-date';
    }
  /** Another attempt of the same submission is running; try again after `retryInMs`. */
  | { readonly status: 'busy'; readonly retryInMs: number }
  | {
      readonly status: 'dead-lettered';
      readonly code: string;
      /** The petition's newer content, queued because it changed while this was in flight. */
      readonly followUpId: string | null;
    }
  | {
      readonly status: 'retry';
      readonly code: string;
      readonly retryAfterMs: number | null;
      /** True when the national side refused because its submission window is closed. */
      readonly windowClosed: boolean;
      /** When the national side said the window opens (ISO), if it said. */
      readonly windowOpensAt: string | null;
      /**
       * True when the whole national request failed (so its Retry-After holds every submission);
       * false when only this submission of a batch was refused (the rest went through).
       */
      readonly wholeRequest: boolean;
    };
