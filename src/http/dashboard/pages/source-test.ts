/**
 * The connection test of a source, step by step (reachable and credentials, one page, mapping
 * file, mapping of that page): each step ok / warning / failed / skipped, and for a failure the
 * diagnosis, the error and what to do; then the sample's field errors grouped.
 */
import type { ConsoleSourceView } from '../../../sources/console-contract.ts';
import type {
  ErrorGroup,
  SourceTestReport,
  StepReport,
  StepStatus,
  TestStep,
} from '../../../workflow/test-source.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import { sourceActions } from './source-common.ts';

const STEP: Record<TestStep, MessageKey> = {
  check: 'stepCheck',
  'sample-page': 'stepSamplePage',
  'mapping-file': 'stepMappingFile',
  'sample-mapping': 'stepSampleMapping',
};

const STATUS: Record<StepStatus, MessageKey> = {
  ok: 'statusOk',
  warning: 'statusWarning',
  failed: 'statusFailed',
  skipped: 'statusSkipped',
};

const STATUS_CLASS: Record<StepStatus, string> = {
  ok: 's-healthy',
  warning: 's-late',
  failed: 's-failing',
  skipped: 's-paused',
};

function stepRow(lang: Lang, s: StepReport): SafeHtml {
  const e = s.error;
  const detail =
    e === undefined
      ? ''
      : html`<dl class="diagnosis">
          <dt>${t(lang, 'errorDiagnosis')}</dt>
          <dd>${e.explanation}</dd>
          <dt>${t(lang, 'errorCodeLabel')}</dt>
          <dd><code>${e.code}</code> ${e.message}</dd>
          <dt>${t(lang, 'errorHint')}</dt>
          <dd>${e.hint}</dd>
        </dl>`;
  return html`<tr data-step="${s.step}" data-status="${s.status}">
    <td>${t(lang, STEP[s.step])}</td>
    <td><span class="badge ${STATUS_CLASS[s.status]}">${t(lang, STATUS[s.status])}</span></td>
    <td>${s.summary}${detail}</td>
    <td>${num(lang, s.ms)}</td>
  </tr>`;
}

function groupsTable(lang: Lang, groups: readonly ErrorGroup[]): SafeHtml {
  if (groups.length === 0) return html``;
  return html`<h2>${t(lang, 'errorGroups')}</h2>
    <table class="error-groups">
      <thead>
        <tr>
          <th>${t(lang, 'field')}</th>
          <th>${t(lang, 'sourceField')}</th>
          <th>${t(lang, 'errorCodeLabel')}</th>
          <th>${t(lang, 'reason')}</th>
          <th>${t(lang, 'groupCount')}</th>
          <th>${t(lang, 'groupExamples')}</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (g) =>
            html`<tr>
              <td><code>${g.field}</code></td>
              <td><code>${g.sourceField ?? ''}</code></td>
              <td><code>${g.code}</code></td>
              <td>${g.message}</td>
              <td>${num(lang, g.count)}</td>
              <td>${g.examples.join(', ')}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function verdict(lang: Lang, r: SourceTestReport): SafeHtml {
  if (r.ok) return html`<p class="ok" role="status" data-ok="true">${t(lang, 'testOk')}</p>`;
  const failed = r.failedStep === null ? '' : t(lang, STEP[r.failedStep]);
  return html`<p class="bad" role="alert" data-ok="false">${t(lang, 'testFailed')} ${failed}</p>`;
}

function sampleLine(lang: Lang, r: SourceTestReport): SafeHtml {
  if (r.sample === null) return html``;
  const rejected = r.sample.filter((s) => s.canonical === null).length;
  return html`<p class="note" data-sample="${r.sample.length}">
    ${t(lang, 'sampleSize')}: ${num(lang, r.sample.length)} · ${t(lang, 'mappedOk')}:
    ${num(lang, r.sample.length - rejected)} · ${t(lang, 'mappedRejected')}: ${num(lang, rejected)}
  </p>`;
}

/** The report page. */
export function sourceTestPage(
  ctx: PageContext,
  source: ConsoleSourceView,
  report: SourceTestReport,
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    `${t(lang, 'testTitle')}: ${source.name}`,
    html`${sourceActions(ctx, source.id, 'test')} ${verdict(lang, report)}
      <table class="test-steps" data-ok="${report.ok ? 'true' : 'false'}">
        <thead>
          <tr>
            <th>${t(lang, 'testStep')}</th>
            <th>${t(lang, 'stepResult')}</th>
            <th>${t(lang, 'stepSummary')}</th>
            <th>${t(lang, 'stepMs')}</th>
          </tr>
        </thead>
        <tbody>
          ${report.steps.map((s) => stepRow(lang, s))}
        </tbody>
      </table>
      ${sampleLine(lang, report)} ${groupsTable(lang, report.errorGroups)}`,
  );
}
