/**
 * The PostgreSQL store: pool, migrations and one repository per concept. Other modules import
 * from here, never from the files behind it.
 */
export { assertSchemaName, checkConnection, createPool, ensureDatabase } from './pool.ts';
export type { PoolOptions } from './pool.ts';
export { migrateUp, pendingMigrations } from './migrate.ts';
export type { MigrateOptions } from './migrate.ts';
export { listSourceStatus, setSourcePaused, upsertSources } from './sources-repo.ts';
export type {
  LastRun,
  SourceCounts,
  SourceDef,
  SourceState,
  SourceStatus,
} from './sources-repo.ts';
export { failStaleRuns, finishRun, lastRunStartedAt, startRun } from './runs-repo.ts';
export type { RunOutcome, RunStatus, RunTrigger } from './runs-repo.ts';
export { getCursor } from './cursor-repo.ts';
export { commitBatch } from './ingest-repo.ts';
export type {
  IngestBatch,
  IngestPetition,
  IngestRaw,
  IngestRejection,
  IngestResult,
} from './ingest-repo.ts';
export { loadSubmission } from './outbox-repo.ts';
export { markDeadLetter, recordAcknowledged, recordAttemptFailed } from './outbox-outcome.ts';
export { listPendingOutboxIds } from './outbox-scan.ts';
export type { NationalReceipt, OutboxError, OutboxStatus, Submission } from './outbox-repo.ts';
