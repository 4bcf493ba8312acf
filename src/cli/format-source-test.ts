/** Renders a source test report (`kntc-hub sources test <id>`) for a terminal. */
import type { DiagnosedError, SourceTestReport } from '../workflow/index.ts';
import { alignRows, clip, MARK } from './format-common.ts';

/** The report as lines of text. */
export function formatSourceTest(report: SourceTestReport): string {
  const lines = [`Testing source ${report.sourceId} (${report.adapter})`];
  for (const step of report.steps) {
    const took = step.ms > 0 ? `  (${step.ms} ms)` : '';
    lines.push(`  ${MARK[step.status]} ${step.step.padEnd(15)} ${step.summary}${took}`);
    if (step.error !== undefined) lines.push(...formatError(step.error, '      '));
    if (step.step === 'sample-mapping') lines.push(...errorGroupLines(report));
  }
  lines.push('', verdict(report));
  return lines.join('\n') + '\n';
}

/** Code, message, explanation and hint of a failed step. */
export function formatError(e: DiagnosedError, indent: string): string[] {
  return alignRows(
    [
      ['error', `${e.code}${e.retryable ? ' (retryable)' : ''}: ${e.message}`],
      ['why', e.explanation],
      ['fix', e.hint],
    ],
    indent,
  );
}

function errorGroupLines(report: SourceTestReport): string[] {
  return report.errorGroups.slice(0, 10).map((g) => {
    const from = g.sourceField === null ? '' : ` ← ${g.sourceField}`;
    const eg = g.examples.length > 0 ? ` (e.g. ${g.examples.join(', ')})` : '';
    return `      ${String(g.count).padStart(4)}× ${g.field}${from}  ${g.code}  ${clip(g.message, 120)}${eg}`;
  });
}

function verdict(report: SourceTestReport): string {
  if (report.failedStep !== null) {
    return `Result: FAILED at step "${report.failedStep}". Fix what it says, then run the test again.`;
  }
  const warned = report.steps.some((s) => s.status === 'warning');
  return warned
    ? 'Result: usable, with warnings (see "!" above). Preview records with `kntc-hub mapping preview`.'
    : 'Result: OK. Next: `kntc-hub mapping preview` to look at records, then schedule the source.';
}
