/**
 * `sources test`: is this source usable, and if not, which step fails and why? Runs the
 * adapter's own probe (reachability, credentials), pulls ONE page from the beginning without
 * storing it or touching the cursor, loads the mapping and maps that sample. Every step reports
 * ok / failed / skipped with the HubError code, message and hint, classified by diagnoseError.
 */
import type { FieldError } from '../core/field-error.ts';
import { loadMappingFile, type CompiledMapping } from '../mapping/index.ts';
import { adapterContext, type SourceDeps, type WorkflowSource } from './deps.ts';
import { diagnoseError, type DiagnosedError } from './diagnose-error.ts';
import { mapRecord, type MappedRecord } from './map-record.ts';
import { takeRecords, type TakenRecords } from './take-records.ts';

/** The steps of a source test, in order. */
export type TestStep = 'check' | 'sample-page' | 'mapping-file' | 'sample-mapping';

/** Outcome of one step; 'warning' = usable, with something to look at. */
export type StepStatus = 'ok' | 'warning' | 'failed' | 'skipped';

/** One step's report. */
export interface StepReport {
  readonly step: TestStep;
  readonly status: StepStatus;
  readonly summary: string;
  readonly ms: number;
  readonly error?: DiagnosedError;
}

/** Field errors of the sample grouped by (field, source field, code). */
export interface ErrorGroup {
  readonly field: string;
  readonly sourceField: string | null;
  readonly code: string;
  readonly message: string;
  readonly count: number;
  /** Up to three source record ids showing the error. */
  readonly examples: readonly string[];
}

/** The whole diagnosis. */
export interface SourceTestReport {
  readonly sourceId: string;
  readonly adapter: string;
  /** True when no step failed (warnings allowed). */
  readonly ok: boolean;
  readonly failedStep: TestStep | null;
  readonly steps: readonly StepReport[];
  /** The sample page mapped, when both the page and the mapping were available. */
  readonly sample: readonly MappedRecord[] | null;
  readonly errorGroups: readonly ErrorGroup[];
}

/** What testSource needs; loadMapping defaults to reading source.mappingPath. */
export interface TestSourceDeps extends SourceDeps {
  readonly loadMapping?: (path: string) => Promise<CompiledMapping>;
}

/** Largest sample taken from the first page. */
const SAMPLE_MAX = 1000;

/** Diagnoses one source step by step; never throws for a source problem. */
export async function testSource(
  deps: TestSourceDeps,
  source: WorkflowSource,
): Promise<SourceTestReport> {
  const adapter = deps.adapterFor(source.adapter);
  const check = await runStep('check', async () => {
    await adapter.check(adapterContext(source, deps.log, AbortSignal.timeout(120_000)));
    return { status: 'ok', summary: 'reachable, credentials accepted' };
  });
  let page: TakenRecords | null = null;
  const pageStep =
    check.status === 'failed'
      ? skipped('sample-page', 'skipped: the check failed')
      : await runStep('sample-page', async () => {
          page = await takeRecords(adapter, source, deps.log, null, {
            records: SAMPLE_MAX,
            pages: 1,
          });
          return pageSummary(page);
        });
  let mapping: CompiledMapping | null = null;
  const mappingStep = await runStep('mapping-file', async () => {
    mapping = await (deps.loadMapping ?? loadMappingFile)(source.mappingPath);
    return { status: 'ok', summary: `${source.mappingPath} (version ${mapping.version})` };
  });
  const sample = sampleOf(page, mapping, source.id);
  const steps = [check, pageStep, mappingStep, sampleStep(sample)];
  const failed = steps.find((s) => s.status === 'failed');
  return {
    sourceId: source.id,
    adapter: source.adapter,
    ok: failed === undefined,
    failedStep: failed?.step ?? null,
    steps,
    sample,
    errorGroups: sample === null ? [] : groupErrors(sample),
  };
}

async function runStep(
  step: TestStep,
  fn: () => Promise<{ status: StepStatus; summary: string }>,
): Promise<StepReport> {
  const started = Date.now();
  try {
    const r = await fn();
    return { step, ...r, ms: Date.now() - started };
  } catch (err) {
    const error = diagnoseError(err);
    return {
      step,
      status: 'failed',
      summary: `failed: ${error.cause}`,
      ms: Date.now() - started,
      error,
    };
  }
}

function skipped(step: TestStep, summary: string): StepReport {
  return { step, status: 'skipped', summary, ms: 0 };
}

function pageSummary(page: TakenRecords): { status: StepStatus; summary: string } {
  if (page.records.length === 0) {
    return { status: 'warning', summary: 'the source answered but has no records yet' };
  }
  return { status: 'ok', summary: `first page read: ${page.records.length} record(s)` };
}

function sampleOf(
  page: TakenRecords | null,
  mapping: CompiledMapping | null,
  sourceId: string,
): MappedRecord[] | null {
  if (page === null || mapping === null) return null;
  const m = mapping;
  return page.records.map((r) => mapRecord(r, m, sourceId));
}

function sampleStep(sample: readonly MappedRecord[] | null): StepReport {
  if (sample === null) return skipped('sample-mapping', 'skipped: no sample or no mapping');
  const rejected = sample.filter((r) => r.canonical === null).length;
  const summary = `${sample.length - rejected} of ${sample.length} record(s) mapped, ${rejected} rejected`;
  if (sample.length === 0) return { step: 'sample-mapping', status: 'skipped', summary, ms: 0 };
  // Some bad records are the source's data; all of them bad points at the mapping.
  const status: StepStatus =
    rejected === 0 ? 'ok' : rejected < sample.length ? 'warning' : 'failed';
  return { step: 'sample-mapping', status, summary, ms: 0 };
}

/** Groups the sample's field errors so a person sees each problem once, with its count. */
export function groupErrors(records: readonly MappedRecord[]): ErrorGroup[] {
  const groups = new Map<string, { first: FieldError; count: number; examples: string[] }>();
  for (const r of records) {
    for (const e of r.errors) {
      const key = `${e.field}\u0000${e.sourceField ?? ''}\u0000${e.code}`;
      const g = groups.get(key) ?? { first: e, count: 0, examples: [] };
      g.count += 1;
      if (g.examples.length < 3 && !g.examples.includes(r.sourceRecordId))
        g.examples.push(r.sourceRecordId);
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .sort((a, b) => b.count - a.count)
    .map((g) => ({
      field: g.first.field,
      sourceField: g.first.sourceField ?? null,
      code: g.first.code,
      message: g.first.message,
      count: g.count,
      examples: g.examples,
    }));
}
