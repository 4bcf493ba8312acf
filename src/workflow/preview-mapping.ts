/**
 * `mapping preview`: pulls a few records from the source (from the beginning, or from the saved
 * cursor), maps and validates each, and returns the raw record next to the canonical one with
 * its field errors. Nothing is stored and the cursor does not move.
 */
import type { Cursor } from '../../adapters/contract.ts';
import { loadMappingFile, type CompiledMapping } from '../mapping/index.ts';
import type { SourceDeps, WorkflowSource } from './deps.ts';
import { mapRecord, type MappedRecord } from './map-record.ts';
import { takeRecords } from './take-records.ts';

/** Where a preview starts reading. */
export type PreviewFrom = 'start' | 'cursor';

/** Options of previewMapping. */
export interface PreviewOptions {
  /** Records to map, 1–1000. */
  readonly limit: number;
  /** 'start' (default): from the beginning; 'cursor': after the saved cursor. */
  readonly from?: PreviewFrom;
}

/** What previewMapping needs; readCursor is only called for `from: 'cursor'`. */
export interface PreviewDeps extends SourceDeps {
  readonly readCursor?: (sourceId: string) => Promise<Cursor | null>;
  readonly loadMapping?: (path: string) => Promise<CompiledMapping>;
}

/** The mapped sample. */
export interface MappingPreview {
  readonly sourceId: string;
  readonly mappingVersion: string;
  readonly from: PreviewFrom;
  /** The cursor the pull started from (null: the beginning). */
  readonly cursor: Cursor | null;
  readonly records: readonly MappedRecord[];
  readonly mapped: number;
  readonly rejected: number;
  /** True when the source had no more records than these. */
  readonly exhausted: boolean;
}

/** Largest preview, to keep a terminal and the source's load reasonable. */
export const PREVIEW_MAX = 1000;

/** Pulls up to `limit` records, maps each; throws the source's HubError if the pull fails. */
export async function previewMapping(
  deps: PreviewDeps,
  source: WorkflowSource,
  options: PreviewOptions,
): Promise<MappingPreview> {
  const limit = Math.min(Math.max(1, Math.trunc(options.limit)), PREVIEW_MAX);
  const from = options.from ?? 'start';
  const mapping = await (deps.loadMapping ?? loadMappingFile)(source.mappingPath);
  const cursor = from === 'cursor' ? await readCursor(deps, source.id) : null;
  const adapter = deps.adapterFor(source.adapter);
  const taken = await takeRecords(adapter, source, deps.log, cursor, { records: limit });
  const records = taken.records.map((r) => mapRecord(r, mapping, source.id));
  const rejected = records.filter((r) => r.canonical === null).length;
  return {
    sourceId: source.id,
    mappingVersion: mapping.version,
    from,
    cursor,
    records,
    mapped: records.length - rejected,
    rejected,
    exhausted: taken.exhausted,
  };
}

async function readCursor(deps: PreviewDeps, sourceId: string): Promise<Cursor | null> {
  if (deps.readCursor === undefined) {
    throw new Error('previewMapping from the cursor needs deps.readCursor');
  }
  return deps.readCursor(sourceId);
}
