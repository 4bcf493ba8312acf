/**
 * The provincial IT workflow: connect a source (test it, preview its mapping, check the mapping
 * files), and repair (replay stored records after a mapping fix, show or reset a cursor). Each
 * function takes its dependencies explicitly and returns data; the CLI and the dashboard format.
 */
export { adapterContext } from './deps.ts';
export type { SourceDeps, WorkflowSource } from './deps.ts';
export { diagnoseError } from './diagnose-error.ts';
export type { DiagnosedError, FailureCause } from './diagnose-error.ts';
export { mapRecord } from './map-record.ts';
export type { MappedRecord } from './map-record.ts';
export { groupErrors, testSource } from './test-source.ts';
export type {
  ErrorGroup,
  SourceTestReport,
  StepReport,
  StepStatus,
  TestSourceDeps,
  TestStep,
} from './test-source.ts';
export { PREVIEW_MAX, previewMapping } from './preview-mapping.ts';
export type {
  MappingPreview,
  PreviewDeps,
  PreviewFrom,
  PreviewOptions,
} from './preview-mapping.ts';
export { checkMappings, DEFAULT_FIXTURES_DIR, DEFAULT_MAPPINGS_DIR } from './check-mappings.ts';
export type { FixtureResult, MappingCheckReport, MappingFileResult } from './check-mappings.ts';
export { firstDifference } from './first-difference.ts';
export type { Difference } from './first-difference.ts';
export { replay } from './replay.ts';
export type {
  ReplayCounts,
  ReplayDeps,
  ReplayOptions,
  ReplayOutcome,
  ReplayProgress,
} from './replay.ts';
export { resetCursor, showCursor } from './source-cursor.ts';
export type { CursorReset } from './source-cursor.ts';
export { takeRecords } from './take-records.ts';
export type { TakenRecords, TakeLimits } from './take-records.ts';
