/** What the dashboard needs from the rest of the hub. */
import type { Queue } from 'bullmq';
import type pg from 'pg';
import type { LoginLimits } from '../../auth/users.ts';
import type { SourcesConsole } from '../../sources/console-contract.ts';
import type { DeadlineConfig } from '../../store/deadlines-repo.ts';
import type { SourceStatus } from '../../store/sources-repo.ts';
import type { NationalWindowDeps } from './overview-windows.ts';

/** Dependencies of registerDashboard. */
export interface DashboardDeps {
  readonly pool: pg.Pool;
  /** Status of every source (default: listSourceStatus on the pool). */
  readonly listSources?: () => Promise<readonly SourceStatus[]>;
  /** Enqueues a manual pull; the job id, or null when one is already waiting. */
  readonly syncNow: (sourceId: string) => Promise<string | null>;
  /** Cron expression of each source, for "next run" and "late". */
  readonly schedules?: ReadonlyMap<string, string>;
  /** The BullMQ queues shown by bull-board at /admin/queues and on the health panel. */
  readonly queues?: readonly Queue[];
  /** Readiness probes for the health panel. */
  readonly checks?: {
    readonly database: () => Promise<void>;
    readonly redis: () => Promise<void>;
    readonly pendingMigrations: () => Promise<readonly string[]>;
  };
  /** Secure cookie attribute: true behind HTTPS, false for plain HTTP, 'auto' (default). */
  readonly cookieSecure?: boolean | 'auto';
  readonly sessionTtlMs?: number;
  readonly loginLimits?: LoginLimits;
  /** Create/edit/test/preview/cursor for admins (src/sources/); without it those pages say so. */
  readonly sourcesConsole?: SourcesConsole;
  /** Legal deadline rules and holiday calendar (default: loaded from config/deadlines). */
  readonly deadlines?: DeadlineConfig;
  /** Enqueues outbox entries for push (after a review merge changes what must be sent). */
  readonly enqueueOutbox?: (outboxIds: readonly string[]) => Promise<void>;
  /**
   * Reporting periods, at-risk horizon and window of the national push, for the overview's window
   * panel (default: the standard periods, 72 h, closures learned from refusals only).
   */
  readonly national?: NationalWindowDeps;
}
