/**
 * Sync runs: the history with filters, and one run with its counts, its errors grouped by kind
 * and its rejected records. Values of personal fields are never shown in clear here: viewers see
 * a mask, admins and inspectors the value's shape (enough to fix a format error).
 */
import { isPersonalField, MASK, shapeOf } from '../../../auth/mask.ts';
import type { Role } from '../../../auth/roles.ts';
import type {
  ErrorGroup,
  Rejection,
  RunFilter,
  RunSummary,
} from '../../../store/dashboard-repo.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, when, type PageContext } from '../layout.ts';
import { t, type Lang } from '../messages.ts';

/** The value of a rejected field as the role may see it. */
export function shownValue(
  role: Role,
  r: Pick<Rejection, 'field' | 'sourceField' | 'value'>,
): string {
  if (r.value === null) return '';
  if (!isPersonalField(r.field, r.sourceField)) return r.value;
  return role === 'viewer' ? MASK : shapeOf(r.value);
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${value === (selected ?? '') ? html` selected` : ''}>
    ${label}
  </option>`;
}

function filterForm(lang: Lang, sourceIds: readonly string[], f: RunFilter): SafeHtml {
  return html`<form method="get" action="/runs" class="filters">
    <label
      >${t(lang, 'source')}<select name="source">
        ${option('', t(lang, 'all'), f.sourceId)}${sourceIds.map((id) => option(id, id, f.sourceId))}
      </select></label
    >
    <label
      >${t(lang, 'state')}<select name="status">
        ${option('', t(lang, 'all'), f.status)}${['running', 'succeeded', 'failed'].map((s) => option(s, s, f.status))}
      </select></label
    >
    <label>${t(lang, 'from')}<input type="date" name="from" value="${f.fromDay ?? ''}" /></label>
    <label>${t(lang, 'to')}<input type="date" name="to" value="${f.toDay ?? ''}" /></label>
    <button>${t(lang, 'filter')}</button>
  </form>`;
}

function runRow(lang: Lang, r: RunSummary): SafeHtml {
  return html`<tr class="run-${r.status}">
    <td><a href="/runs/${r.id}">#${r.id}</a></td>
    <td>${r.sourceId}</td>
    <td>${r.trigger}</td>
    <td>${r.status}</td>
    <td>${when(lang, r.startedAt)}</td>
    <td>${when(lang, r.finishedAt)}</td>
    <td>${num(lang, r.pulled)}</td>
    <td>${num(lang, r.stored)}</td>
    <td>${num(lang, r.unchanged)}</td>
    <td>${num(lang, r.rejected)}</td>
    <td>${r.errorCode ?? ''}</td>
  </tr>`;
}

function runHead(lang: Lang): SafeHtml {
  return html`<tr>
    <th>#</th>
    <th>${t(lang, 'source')}</th>
    <th>${t(lang, 'trigger')}</th>
    <th>${t(lang, 'state')}</th>
    <th>${t(lang, 'started')}</th>
    <th>${t(lang, 'finished')}</th>
    <th>${t(lang, 'pulled')}</th>
    <th>${t(lang, 'stored')}</th>
    <th>${t(lang, 'unchanged')}</th>
    <th>${t(lang, 'rejected')}</th>
    <th>${t(lang, 'error')}</th>
  </tr>`;
}

/** The run history page. */
export function runsPage(
  ctx: PageContext,
  sourceIds: readonly string[],
  filter: RunFilter,
  runs: readonly RunSummary[],
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'runsTitle'),
    html`${filterForm(lang, sourceIds, filter)}
      <table id="runs">
        <thead>
          ${runHead(lang)}
        </thead>
        <tbody>
          ${runs.map((r) => runRow(lang, r))}
        </tbody>
      </table>
      ${runs.length === 0 ? html`<p>${t(lang, 'none')}</p>` : ''}`,
  );
}

/** One run with its error groups and rejected records. */
export function runPage(
  ctx: PageContext,
  run: RunSummary,
  groups: readonly ErrorGroup[],
  rejections: readonly Rejection[],
): string {
  const lang = ctx.lang;
  const role = ctx.user?.role ?? 'viewer';
  return layout(
    ctx,
    `${t(lang, 'runTitle')} #${run.id}`,
    html`<table>
        <thead>
          ${runHead(lang)}
        </thead>
        <tbody>
          ${runRow(lang, run)}
        </tbody>
      </table>
      ${run.errorMessage === null ? '' : html`<p class="bad">${run.errorCode}: ${run.errorMessage}</p>`}
      <h2>${t(lang, 'errorGroups')}</h2>
      <table id="error-groups">
        <thead>
          <tr>
            <th>${t(lang, 'error')}</th>
            <th>${t(lang, 'field')}</th>
            <th>${t(lang, 'records')}</th>
          </tr>
        </thead>
        <tbody>
          ${groups.map(
            (g) =>
              html`<tr>
                <td>${g.code}</td>
                <td>${g.field}</td>
                <td>${num(lang, g.records)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t(lang, 'rejections')}</h2>
      <table id="rejections">
        <thead>
          <tr>
            <th>${t(lang, 'recordId')}</th>
            <th>${t(lang, 'field')}</th>
            <th>${t(lang, 'sourceField')}</th>
            <th>${t(lang, 'value')}</th>
            <th>${t(lang, 'reason')}</th>
          </tr>
        </thead>
        <tbody>
          ${rejections.map(
            (r) =>
              html`<tr${r.resolved ? html` class="resolved"` : ''}><td>${r.sourceRecordId}</td><td>${r.field}</td><td>${r.sourceField ?? ''}</td><td><code>${shownValue(role, r)}</code></td><td>${r.code}: ${r.message}</td></tr>`,
          )}
        </tbody>
      </table>
      <p class="note">${t(lang, 'remapFollowUp')}</p>`,
  );
}
