/** The overview page: every source's state and counts, and submissions to the national database. */
import type { DayCounts } from '../../../store/dashboard-repo.ts';
import { dailyChart } from '../chart.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, when, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import type { Overview, OverviewSource, OverviewState } from '../overview-model.ts';

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
    <p class="note">${t(lang, 'nationalPending')}</p>
    <table>
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
      ${nationalTable(lang, o)}`,
  );
}
