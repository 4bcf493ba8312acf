/**
 * The review queue: open uncertain pairs (persons and cases), oldest first, paged by id, with
 * the source records of both sides and the fields that agreed; and the recent decisions with
 * their actor and an undo button. No personal value is shown here (only ids, levels, scores):
 * the records themselves are on the pair page, masked as the role requires.
 */
import type { ReviewView } from '../../../dedup/review-view.ts';
import type { Decision } from '../../../store/dedup-review-repo.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import { reasonsLine } from './review-reasons.ts';

/** What the queue page shows. */
export interface ReviewQueue {
  readonly kind: 'person' | 'case' | null;
  readonly pairs: readonly ReviewView[];
  /** Id to pass as `after` for the next page, or null on the last page. */
  readonly nextAfter: string | null;
  /** This page started after an id (a link back to the first page is shown). */
  readonly paged: boolean;
  readonly decisions: readonly Decision[];
}

const KIND_KEY: Record<'person' | 'case', MessageKey> = {
  person: 'reviewKindPerson',
  case: 'reviewKindCase',
};

const ACTION_KEY: Record<Decision['action'], MessageKey> = {
  merge: 'reviewActionMerge',
  split: 'reviewActionSplit',
  undo: 'reviewActionUndo',
};

function side(v: ReviewView['left']): string {
  return v.source === null ? v.ref : `${v.source} / ${v.sourceRecordId ?? ''}`;
}

function kindFilter(lang: Lang, kind: ReviewQueue['kind']): SafeHtml {
  const opt = (value: string, label: string) =>
    html`<option
      value="${value}"
      ${kind === value || (value === '' && kind === null) ? html`selected` : ''}
    >
      ${label}
    </option>`;
  return html`<form method="get" action="/review" class="filters">
    <label
      >${t(lang, 'reviewKind')}<select name="kind">
        ${opt('', t(lang, 'all'))}${opt('person', t(lang, 'reviewKindPerson'))}${opt(
          'case',
          t(lang, 'reviewKindCase'),
        )}
      </select></label
    ><button>${t(lang, 'filter')}</button>
  </form>`;
}

function queueRow(lang: Lang, p: ReviewView): SafeHtml {
  return html`<tr data-pair="${p.id}">
    <td>${p.id}</td>
    <td>${t(lang, KIND_KEY[p.kind])}</td>
    <td>${Math.round(p.score * 100) / 100}</td>
    <td>${side(p.left)}</td>
    <td>${side(p.right)}</td>
    <td><small>${reasonsLine(lang, p.kind, p.reasons)}</small></td>
    <td>${when(lang, p.createdAt)}</td>
    <td><a href="/review/${p.id}">${t(lang, 'reviewOpen')}</a></td>
  </tr>`;
}

function pager(lang: Lang, q: ReviewQueue): SafeHtml {
  const kindParam = q.kind === null ? '' : `&kind=${q.kind}`;
  const first = html`<a href="/review?${kindParam.slice(1)}">${t(lang, 'reviewFirstPage')}</a>`;
  const next = html`<a rel="next" href="/review?after=${q.nextAfter ?? ''}${kindParam}"
    >${t(lang, 'reviewNextPage')}</a
  >`;
  return html`<p>${q.paged ? first : ''} ${q.nextAfter === null ? '' : next}</p>`;
}

function queueTable(lang: Lang, q: ReviewQueue): SafeHtml {
  if (q.pairs.length === 0) {
    return html`<p class="note" id="queue-empty">${t(lang, 'reviewEmpty')}</p>
      ${pager(lang, q)}`;
  }
  return html`<table id="queue">
      <thead>
        <tr>
          <th>#</th>
          <th>${t(lang, 'reviewKind')}</th>
          <th>${t(lang, 'reviewScore')}</th>
          <th>${t(lang, 'reviewLeft')}</th>
          <th>${t(lang, 'reviewRight')}</th>
          <th>${t(lang, 'reviewReasons')}</th>
          <th>${t(lang, 'reviewCreated')}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${q.pairs.map((p) => queueRow(lang, p))}
      </tbody>
    </table>
    ${pager(lang, q)}`;
}

function undoCell(ctx: PageContext, d: Decision): SafeHtml {
  if (d.undoneBy !== null) return html`${t(ctx.lang, 'reviewUndoneBy')}${d.undoneBy})`;
  if (d.action === 'undo') return html``;
  return html`<form method="post" action="/review/decisions/${d.id}/undo" class="inline">
    ${csrfField(ctx)}<button data-action="undo">${t(ctx.lang, 'reviewUndo')}</button>
  </form>`;
}

function decisionsTable(ctx: PageContext, decisions: readonly Decision[]): SafeHtml {
  const lang = ctx.lang;
  if (decisions.length === 0) return html`<p class="note">${t(lang, 'reviewNoDecisions')}</p>`;
  return html`<table id="decisions">
    <thead>
      <tr>
        <th>#</th>
        <th>${t(lang, 'reviewDecidedAt')}</th>
        <th>${t(lang, 'reviewActor')}</th>
        <th>${t(lang, 'reviewAction')}</th>
        <th>${t(lang, 'reviewKind')}</th>
        <th>${t(lang, 'reviewPair')}</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${decisions.map(
        (d) =>
          html`<tr data-decision="${d.id}" data-action="${d.action}">
            <td>${d.id}</td>
            <td>${when(lang, d.decidedAt)}</td>
            <td>${d.actor}</td>
            <td>${t(lang, ACTION_KEY[d.action])}${d.undoes === null ? '' : ` #${d.undoes}`}</td>
            <td>${t(lang, KIND_KEY[d.kind])}</td>
            <td>
              ${d.reviewId === null ? '' : html`<a href="/review/${d.reviewId}">#${d.reviewId}</a>`}
            </td>
            <td>${undoCell(ctx, d)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The queue page; `flash` is a message key to show on top. */
export function reviewQueuePage(
  ctx: PageContext,
  q: ReviewQueue,
  flash: MessageKey | null,
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'reviewTitle'),
    html`${flash === null ? '' : html`<p role="status">${t(lang, flash)}</p>`}
      <p class="note">${t(lang, 'reviewIntro')}</p>
      <h2>${t(lang, 'reviewQueue')}</h2>
      ${kindFilter(lang, q.kind)} ${queueTable(lang, q)}
      <h2 id="recent">${t(lang, 'reviewRecent')}</h2>
      ${decisionsTable(ctx, q.decisions)}`,
  );
}
