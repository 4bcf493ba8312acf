/**
 * Queue names and the job payloads they carry. Payloads hold ids only — never personal data:
 * the processors read everything else from PostgreSQL.
 */
import type { RunTrigger } from '../store/index.ts';

/** Queue of source pulls: one job per sync run. */
export const PULL_QUEUE = 'pull';
/** Queue of national submissions: one job per outbox entry. */
export const PUSH_QUEUE = 'push';

/** Data of a pull job. */
export interface PullJobData {
  readonly sourceId: string;
  readonly trigger: RunTrigger;
  readonly requestId?: string;
}

/** Data of a push job. */
export interface PushJobData {
  readonly outboxId: string;
}
