/**
 * `sources test` for the console: resolves the source (secrets included) and runs the workflow's
 * step-by-step diagnosis. A source that cannot even be prepared (a secret missing, stored with
 * another key, or altered) is reported as a failed first step with that error, so the console
 * shows what to fix instead of a bare error page. The caller's AbortSignal stops the waiting.
 */
import type { Logger } from 'pino';
import type { SourceAdapter } from '../../adapters/contract.ts';
import type { ResolvedSource } from '../config/load-config.ts';
import { HubError } from '../lib/errors.ts';
import { diagnoseError, testSource, type SourceTestReport } from '../workflow/index.ts';
import type { SourceRegistry } from './registry.ts';
import type { RuntimeSource } from './runtime-source.ts';

/** Tests a known source; never throws for a source problem. */
export async function runSourceTest(
  registry: SourceRegistry,
  known: RuntimeSource,
  adapters: Readonly<Record<string, SourceAdapter<unknown>>>,
  log: Logger,
  signal: AbortSignal,
): Promise<SourceTestReport> {
  let source: ResolvedSource;
  try {
    source = await registry.resolve(known.id);
    adapterOf(adapters, known.adapter);
  } catch (err) {
    if (err instanceof HubError && err.code === 'KNTC_SOURCE_UNKNOWN') throw err;
    return preparationFailed(known, err);
  }
  const adapterFor = (kind: string): SourceAdapter<unknown> => adapterOf(adapters, kind);
  return withAbort(testSource({ adapterFor, log }, source), signal);
}

function preparationFailed(known: RuntimeSource, err: unknown): SourceTestReport {
  const error = diagnoseError(err);
  const skipped = (step: 'sample-page' | 'mapping-file' | 'sample-mapping') =>
    ({
      step,
      status: 'skipped',
      summary: 'skipped: the source could not be prepared',
      ms: 0,
    }) as const;
  return {
    sourceId: known.id,
    adapter: known.adapter,
    ok: false,
    failedStep: 'check',
    steps: [
      { step: 'check', status: 'failed', summary: `failed: ${error.cause}`, ms: 0, error },
      skipped('sample-page'),
      skipped('mapping-file'),
      skipped('sample-mapping'),
    ],
    sample: null,
    errorGroups: [],
  };
}

/** The adapter of a kind, or KNTC_CONFIG_INVALID naming the known kinds. */
export function adapterOf(
  adapters: Readonly<Record<string, SourceAdapter<unknown>>>,
  kind: string,
): SourceAdapter<unknown> {
  const a = adapters[kind];
  if (a !== undefined) return a;
  throw new HubError(
    'KNTC_CONFIG_INVALID',
    `Unknown adapter kind "${kind}" (known: ${Object.keys(adapters).join(', ')})`,
  );
}

/** `work`, or KNTC_SOURCE_TIMEOUT as soon as `signal` aborts (the work itself runs on, bounded by its own timeouts). */
export function withAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  const stopped = (): HubError =>
    new HubError(
      'KNTC_SOURCE_TIMEOUT',
      'Stopped waiting for the source: the request was cancelled or took too long',
      {
        retryable: true,
        hint: 'Try again; if the source is slow, test it from the command line (`kntc-hub sources test <id>`), which waits longer.',
      },
    );
  if (signal.aborted) {
    void work.catch(() => undefined);
    return Promise.reject(stopped());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(stopped());
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
