/**
 * The deadlines page: petitions whose handling, acceptance or settlement is overdue or due soon,
 * counted by unit, then listed with the rule and its legal basis, the date counted from, the due
 * date, the days left (working or calendar, as the rule counts) and a link to the petition. Rows
 * carry ids, units, kinds and dates only: no petitioner data.
 */
import type { DeadlineStep } from '../../../core/deadlines/rules.ts';
import type { DeadlineRisk } from '../../../store/deadlines-repo.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';

/** The filters of the page. */
export interface DeadlineFilter {
  readonly unit: string | null;
  readonly status: 'overdue' | 'due-soon' | null;
  readonly horizonDays: number;
}

/** What the page shows. */
export interface DeadlinesView {
  readonly today: string;
  readonly filter: DeadlineFilter;
  readonly items: readonly DeadlineRisk[];
  readonly truncated: boolean;
}

/** Rows listed at most (about 730 bytes each: the page stays well under 200 KB). */
export const LISTED = 200;

/** Steps in the page language. */
export const STEP_KEY: Record<DeadlineStep, MessageKey> = {
  handle: 'stepHandle',
  'accept-complaint': 'stepAcceptComplaint',
  'settle-complaint-1': 'stepSettleComplaint1',
  'settle-complaint-2': 'stepSettleComplaint2',
  'accept-denunciation': 'stepAcceptDenunciation',
  'transfer-denunciation': 'stepTransferDenunciation',
  'settle-denunciation': 'stepSettleDenunciation',
};

function unitOf(r: DeadlineRisk): string {
  return r.unitCode === null ? r.agencyCode : `${r.agencyCode} · ${r.unitCode}`;
}

function filters(lang: Lang, f: DeadlineFilter): SafeHtml {
  const opt = (value: string, key: MessageKey | null) =>
    html`<option value="${value}" ${(f.status ?? '') === value ? html`selected` : ''}>
      ${key === null ? t(lang, 'all') : t(lang, key)}
    </option>`;
  return html`<form method="get" action="/deadlines" class="filters">
    <label
      >${t(lang, 'deadlinesUnit')}<input name="unit" value="${f.unit ?? ''}" maxlength="40"
    /></label>
    <label
      >${t(lang, 'deadlinesStatus')}<select name="status">
        ${opt('', null)}${opt('overdue', 'deadlinesOverdue')}${opt('due-soon', 'deadlinesDueSoon')}
      </select></label
    >
    <label
      >${t(lang, 'deadlinesHorizon')}<input
        name="horizon"
        type="number"
        min="0"
        max="60"
        value="${f.horizonDays}"
    /></label>
    <button>${t(lang, 'filter')}</button>
  </form>`;
}

function byUnit(lang: Lang, items: readonly DeadlineRisk[]): SafeHtml {
  const units = new Map<string, { code: string; overdue: number; soon: number }>();
  for (const r of items) {
    const u = units.get(unitOf(r)) ?? { code: r.unitCode ?? r.agencyCode, overdue: 0, soon: 0 };
    if (r.status === 'overdue') u.overdue += 1;
    else u.soon += 1;
    units.set(unitOf(r), u);
  }
  const rows = [...units.entries()].sort((a, b) => b[1].overdue - a[1].overdue);
  return html`<table id="by-unit">
    <thead>
      <tr>
        <th>${t(lang, 'deadlinesAgency')}</th>
        <th>${t(lang, 'deadlinesOverdue')}</th>
        <th>${t(lang, 'deadlinesDueSoon')}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        ([label, u]) =>
          html`<tr>
            <td><a href="/deadlines?unit=${encodeURIComponent(u.code)}">${label}</a></td>
            <td>${num(lang, u.overdue)}</td>
            <td>${num(lang, u.soon)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function dayKind(lang: Lang, r: DeadlineRisk): string {
  return t(lang, r.dayKind === 'working' ? 'deadlinesWorkingDays' : 'deadlinesCalendarDays');
}

function row(lang: Lang, r: DeadlineRisk): SafeHtml {
  const flags = [
    r.extended ? t(lang, 'deadlinesExtended') : '',
    r.approximate ? t(lang, 'deadlinesApproximate') : '',
  ].filter((s) => s !== '');
  return html`<tr data-hub="${r.hubId}" data-step="${r.step}" data-status="${r.status}">
    <td>${unitOf(r)}</td>
    <td><a href="/petitions/${r.hubId}">${r.sourceId} / ${r.sourceRecordId}</a></td>
    <td>${r.kind}</td>
    <td>${t(lang, STEP_KEY[r.step])}</td>
    <td><code>${r.ruleId}</code><br /><small>${r.basis}</small></td>
    <td>${r.startedAt}</td>
    <td>${r.dueAt}${flags.length > 0 ? html`<br /><small>${flags.join('; ')}</small>` : ''}</td>
    <td data-days-left="${r.daysLeft}">
      ${r.daysLeft < 0 ? `${t(lang, 'deadlinesLateBy')} ${-r.daysLeft}` : r.daysLeft}
      ${dayKind(lang, r)}
    </td>
    <td>
      <span class="badge ${r.status === 'overdue' ? 's-failing' : 's-late'}"
        >${t(lang, r.status === 'overdue' ? 'deadlinesOverdue' : 'deadlinesDueSoon')}</span
      >
    </td>
  </tr>`;
}

function list(lang: Lang, items: readonly DeadlineRisk[]): SafeHtml {
  return html`<table id="deadlines">
    <thead>
      <tr>
        <th>${t(lang, 'deadlinesAgency')}</th>
        <th>${t(lang, 'deadlinesPetition')}</th>
        <th>${t(lang, 'kind')}</th>
        <th>${t(lang, 'deadlinesStep')}</th>
        <th>${t(lang, 'deadlinesRule')}</th>
        <th>${t(lang, 'deadlinesStarted')}</th>
        <th>${t(lang, 'deadlinesDue')}</th>
        <th>${t(lang, 'deadlinesDaysLeft')}</th>
        <th>${t(lang, 'deadlinesStatus')}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map((r) => row(lang, r))}
    </tbody>
  </table>`;
}

/** The deadlines page. */
export function deadlinesPage(ctx: PageContext, v: DeadlinesView): string {
  const lang = ctx.lang;
  const body =
    v.items.length === 0
      ? html`<p class="note" id="deadlines-none">${t(lang, 'deadlinesNone')}</p>`
      : html`<h2>${t(lang, 'deadlinesByUnit')}</h2>
          ${byUnit(lang, v.items)}
          <h2>${t(lang, 'deadlinesList')}</h2>
          ${
            v.items.length > LISTED
              ? html`<p class="note" data-listed="${LISTED}">
                  ${t(lang, 'deadlinesListed')} ${LISTED}/${v.items.length}
                </p>`
              : ''
          }
          ${list(lang, v.items.slice(0, LISTED))}`;
  return layout(
    ctx,
    t(lang, 'deadlinesTitle'),
    html`<p class="note">${t(lang, 'deadlinesIntro')}</p>
      <p>${t(lang, 'deadlinesToday')}: <strong>${v.today}</strong></p>
      ${filters(lang, v.filter)}
      ${v.truncated ? html`<p class="warn" data-truncated="true">${t(lang, 'deadlinesTruncated')}</p>` : ''}
      ${body}`,
  );
}
