/** The overview page: every source's state and counts, and submissions to the national database. */
import type { DayCounts } from '../../../store/dashboard-repo.ts';
import { dailyChart } from '../chart.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, when, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import type { Overview, OverviewSource, OverviewState } from '../overview-model.ts';
import type { PeriodRow, PeriodWindowState, WindowPanel } from '../overview-windows.ts';

const STATE_KEY: Record<OverviewState, MessageKey> = {
  healthy: 'stateHealthy',
  late: 'stateLate',
  failing: 'stateFailing',
  paused: 'statePaused',
  running: 'stateRunning',
  disabled: 'stateDisabled',
  'never-run': 'stateNeverRun',
};

/** A coloured state badge. */
export function stateBadge(lang: Lang, state: OverviewState): SafeHtml {
  return html`<span class="badge s-${state}" data-state="${state}"
    >${t(lang, STATE_KEY[state])}</span
  >`;
}

function counts(lang: Lang, c: DayCounts): SafeHtml {
  return html`<td>${num(lang, c.pulled)}</td>
    <td>${num(lang, c.rejected)}</td>
    <td>${num(lang, c.duplicatesLinked)}</td>
    <td>${num(lang, c.pushed)}</td>
    <td>${num(lang, c.acknowledged)}</td>
    <td>${num(lang, c.deadLettered)}</td>`;
}

function countHeads(lang: Lang): SafeHtml {
  const keys: MessageKey[] = [
    'pulled',
    'rejected',
    'duplicates',
    'pushed',
    'acknowledged',
    'deadLettered',
  ];
  return html`${keys.map((k) => html`<th>${t(lang, k)}</th>`)}`;
}

function sourceRows(lang: Lang, s: OverviewSource): SafeHtml {
  return html`<tr data-source="${s.id}">
      <th rowspan="2" scope="rowgroup">${s.name}<br /><small>${s.id}</small></th>
      <td rowspan="2">
        ${stateBadge(lang, s.state)}${s.lastErrorCode === null ? '' : html`<br /><small>${s.lastErrorCode}</small>`}
      </td>
      <td rowspan="2">${when(lang, s.lastSuccessAt)}</td>
      <td rowspan="2">${when(lang, s.nextRunAt)}</td>
      <td>${t(lang, 'today')}</td>
      ${counts(lang, s.today)}
      <td rowspan="2">${dailyChart(s.last30, `${s.name}: ${t(lang, 'last30')}`)}</td>
    </tr>
    <tr>
      <td>${t(lang, 'period')}</td>
      ${counts(lang, s.period)}
    </tr>`;
}

function nationalTable(lang: Lang, o: Overview): SafeHtml {
  return html`<h2>${t(lang, 'nationalTitle')}</h2>
    <table id="national">
      <thead>
        <tr>
          <th>${t(lang, 'source')}</th>
          <th>${t(lang, 'pushed')}</th>
          <th>${t(lang, 'pending')}</th>
          <th>${t(lang, 'acknowledged')}</th>
          <th>${t(lang, 'deadLettered')}</th>
        </tr>
      </thead>
      <tbody>
        ${o.sources.map(
          (s) =>
            html`<tr>
              <td>${s.name}</td>
              <td>${num(lang, s.totals.pushed)}</td>
              <td>${num(lang, s.totals.pending)}</td>
              <td>${num(lang, s.totals.acknowledged)}</td>
              <td>${num(lang, s.totals.deadLettered)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const WINDOW_KEY: Record<PeriodWindowState, MessageKey> = {
  open: 'windowOpen',
  closing: 'windowClosing',
  closed: 'windowClosed',
};
const WINDOW_CLASS: Record<PeriodWindowState, string> = {
  open: 's-healthy',
  closing: 's-late',
  closed: 's-paused',
};
const REASON_KEY: Record<WindowPanel['national']['reason'], MessageKey> = {
  always: 'windowReasonAlways',
  schedule: 'windowReasonSchedule',
  learned: 'windowReasonLearned',
};

function nationalLine(lang: Lang, w: WindowPanel): SafeHtml {
  const n = w.national;
  const detail = n.open
    ? n.closesAt === null
      ? ''
      : ` ${t(lang, 'windowUntil')} ${when(lang, n.closesAt)}`
    : n.opensAt === null
      ? ''
      : `, ${t(lang, 'windowOpensAt')} ${when(lang, n.opensAt)}`;
  return html`<p id="national-window" data-open="${String(n.open)}">
    <span class="badge ${n.open ? 's-healthy' : 's-failing'}"
      >${t(lang, n.open ? 'windowNationalOpen' : 'windowNationalClosed')}</span
    >${detail} <small>(${t(lang, REASON_KEY[n.reason])})</small>
  </p>`;
}

function figure(lang: Lang, n: number | null, lowerBound = false): string {
  if (n === null) return '—';
  return `${lowerBound && n > 0 ? '≥ ' : ''}${num(lang, n)}`;
}

function periodRow(lang: Lang, p: PeriodRow, complete: boolean): SafeHtml {
  return html`<tr data-period="${p.key}" data-window="${p.state}">
    <th>${p.key}</th>
    <td>${p.from} – ${p.cutoff}</td>
    <td>${when(lang, p.closesAt)}</td>
    <td>
      <span class="badge ${WINDOW_CLASS[p.state]}">${t(lang, WINDOW_KEY[p.state])}</span>
    </td>
    <td>${figure(lang, p.sent)}</td>
    <td>${figure(lang, p.acknowledged)}</td>
    <td>${figure(lang, p.deadLettered)}</td>
    <td>${figure(lang, p.pending, !complete)}</td>
    <td class="${p.atRisk > 0 ? 'bad' : ''}" data-at-risk="${p.atRisk}">
      ${figure(lang, p.atRisk, !complete)}
    </td>
  </tr>`;
}

function windowPanel(lang: Lang, w: WindowPanel): SafeHtml {
  const heads: MessageKey[] = [
    'windowPeriod',
    'windowData',
    'windowClosesAt',
    'windowState',
    'windowSent',
    'windowAckInPeriod',
    'windowDeadInPeriod',
    'windowPending',
    'windowAtRisk',
  ];
  return html`<h2>${t(lang, 'windowTitle')}</h2>
    ${nationalLine(lang, w)}
    <table id="windows">
      <thead>
        <tr>
          ${heads.map((k) => html`<th>${t(lang, k)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${w.periods.map((p) => periodRow(lang, p, w.complete))}
      </tbody>
    </table>
    ${
      w.complete
        ? ''
        : html`<p class="warn" data-partial="true">
            ${t(lang, 'windowPartial')} ${num(lang, w.pendingTotal)}
          </p>`
    }
    <p class="note">${t(lang, 'windowNote')} ${w.atRiskHours} ${t(lang, 'windowHours')}.</p>`;
}

/** The overview page. */
export function overviewPage(ctx: PageContext, o: Overview): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'navOverview'),
    html`<table id="sources">
        <thead>
          <tr>
            <th>${t(lang, 'source')}</th>
            <th>${t(lang, 'state')}</th>
            <th>${t(lang, 'lastSuccess')}</th>
            <th>${t(lang, 'nextRun')}</th>
            <th></th>
            ${countHeads(lang)}
            <th>${t(lang, 'last30')}</th>
          </tr>
        </thead>
        <tbody>
          ${o.sources.map((s) => sourceRows(lang, s))}
        </tbody>
      </table>
      <p class="note">
        ${t(lang, 'period')}: ${o.periodFrom} → ${o.today}. ${t(lang, 'chartLegend')}.
      </p>
      ${windowPanel(lang, o.windows)} ${nationalTable(lang, o)}`,
  );
}
