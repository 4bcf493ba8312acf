/**
 * A petition's lineage: raw source record(s) → mapping version → canonical record → national
 * submissions and receipts; and the lookup form that leads there.
 */
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type Lang } from '../messages.ts';
import type { PetitionView } from '../petition-view.ts';

function json(value: unknown): SafeHtml {
  return html`<pre>${JSON.stringify(value, null, 2)}</pre>`;
}

function identityNote(
  ctx: PageContext,
  hubId: string,
  v: PetitionView,
  revealed: boolean,
): SafeHtml {
  const lang = ctx.lang;
  const notes: SafeHtml[] = [];
  if (v.protectedIdentity) notes.push(html`<p class="warn">${t(lang, 'protectedIdentity')}</p>`);
  if (!v.clear)
    notes.push(html`<p class="note" data-masked="true">${t(lang, 'maskedIdentity')}</p>`);
  if (revealed) notes.push(html`<p class="warn" data-revealed="true">${t(lang, 'revealed')}</p>`);
  if (v.canReveal) {
    notes.push(
      html`<form method="post" action="/petitions/${hubId}/reveal" class="card">
        ${csrfField(ctx)}
        <label
          >${t(lang, 'revealReason')}<input name="reason" required minlength="10" maxlength="500"
        /></label>
        <button>${t(lang, 'revealButton')}</button>
      </form>`,
    );
  }
  return html`${notes}`;
}

function submissions(lang: Lang, v: PetitionView): SafeHtml {
  return html`<table id="submissions">
    <thead>
      <tr>
        <th>#</th>
        <th>${t(lang, 'kind')}</th>
        <th>${t(lang, 'state')}</th>
        <th>${t(lang, 'error')}</th>
        <th>${t(lang, 'started')}</th>
        <th>${t(lang, 'acknowledged')}</th>
        <th>${t(lang, 'receipt')}</th>
      </tr>
    </thead>
    <tbody>
      ${v.lineage.submissions.map(
        (s) =>
          html`<tr>
            <td>${s.id}</td>
            <td>${s.operation}</td>
            <td>${s.status} (${s.attempts})</td>
            <td>${s.lastErrorCode ?? ''}</td>
            <td>${when(lang, s.createdAt)}</td>
            <td>${when(lang, s.acknowledgedAt)}</td>
            <td>
              ${s.receipt === null ? '' : html`${s.receipt.nationalCaseId} · HTTP ${s.receipt.httpStatus}${s.receipt.duplicate ? ' · dup' : ''}`}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** The petition page. */
export function petitionPage(ctx: PageContext, v: PetitionView, revealed: boolean): string {
  const lang = ctx.lang;
  const l = v.lineage;
  return layout(
    ctx,
    `${t(lang, 'petitionTitle')} ${l.sourceId} / ${l.sourceRecordId}`,
    html`${identityNote(ctx, l.hubId, v, revealed)}
      <h2>${t(lang, 'lineage')}</h2>
      <ol class="lineage">
        <li>
          <h3>1. ${t(lang, 'rawRecord')}</h3>
          ${l.raws.map(
            (r) =>
              html`<p><small>run #${r.runId} · ${when(lang, r.receivedAt)}</small></p>
                ${json(r.payload)}`,
          )}
        </li>
        <li>
          <h3>2. ${t(lang, 'mappingVersion')}</h3>
          <p><code>${l.mappingVersion}</code></p>
        </li>
        <li>
          <h3>3. ${t(lang, 'canonical')}</h3>
          <p><small>hub id ${l.hubId} · ${l.contentHash.slice(0, 12)}…</small></p>
          ${json(l.record)}
        </li>
        <li>
          <h3>4. ${t(lang, 'submissions')}</h3>
          <p>${t(lang, 'nationalCase')}: <code>${l.nationalCaseId ?? t(lang, 'none')}</code></p>
          ${submissions(lang, v)}
        </li>
      </ol>`,
  );
}

/** The lookup page: by source and record id, and the latest petitions of each source. */
export function petitionLookupPage(
  ctx: PageContext,
  sourceIds: readonly string[],
  recent: readonly { hubId: string; sourceRecordId: string; kind: string; receivedOn: string }[],
  notFound: boolean,
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'navPetitions'),
    html`${notFound ? html`<p class="bad">${t(lang, 'notFound')}</p>` : ''}
      <form method="get" action="/petitions" class="filters">
        <h2>${t(lang, 'petitionLookup')}</h2>
        <label
          >${t(lang, 'source')}<select name="source">
            ${sourceIds.map((id) => html`<option>${id}</option>`)}
          </select></label
        >
        <label>${t(lang, 'recordId')}<input name="record" required /></label
        ><button>${t(lang, 'find')}</button>
      </form>
      <h2>${t(lang, 'recentPetitions')}</h2>
      <table id="recent">
        <tbody>
          ${recent.map(
            (p) =>
              html`<tr>
                <td><a href="/petitions/${p.hubId}">${p.sourceRecordId}</a></td>
                <td>${p.kind}</td>
                <td>${p.receivedOn}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}
