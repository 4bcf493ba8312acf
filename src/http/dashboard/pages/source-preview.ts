/**
 * Mapping preview of a source: the first records from the source, each raw record next to its
 * canonical record, with the errors per field. Nothing is stored and the cursor does not move.
 * Identities follow the role rules (source-preview-mask.ts).
 */
import type { Role } from '../../../auth/roles.ts';
import type { ConsoleSourceView } from '../../../sources/console-contract.ts';
import type { MappingPreview } from '../../../workflow/preview-mapping.ts';
import { html, type SafeHtml } from '../html.ts';
import { layout, num, type PageContext } from '../layout.ts';
import { t, type Lang } from '../messages.ts';
import { sourceActions } from './source-common.ts';
import { shownRecord, type ShownRecord } from './source-preview-mask.ts';

/** Largest preview the page shows (keeps a page well under 200 KB). */
export const PREVIEW_PAGE_MAX = 25;

/** What the preview page shows: the preview, or why the source could not be read. */
export type PreviewOutcome =
  | { readonly ok: true; readonly preview: MappingPreview }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly hint: string };

function errorsTable(lang: Lang, r: ShownRecord): SafeHtml {
  if (r.errors.length === 0) return html``;
  return html`<table class="field-errors">
    <thead>
      <tr>
        <th>${t(lang, 'field')}</th>
        <th>${t(lang, 'sourceField')}</th>
        <th>${t(lang, 'value')}</th>
        <th>${t(lang, 'reason')}</th>
      </tr>
    </thead>
    <tbody>
      ${r.errors.map(
        (e) =>
          html`<tr data-error-field="${e.field}">
            <td><code>${e.field}</code></td>
            <td><code>${e.sourceField ?? ''}</code></td>
            <td><code>${e.shown}</code></td>
            <td><code>${e.code}</code> ${e.message}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function recordBlock(lang: Lang, r: ShownRecord): SafeHtml {
  const ok = r.canonical !== null;
  return html`<section class="preview-record" data-record="${r.sourceRecordId}" data-ok="${ok}">
    <h2>
      ${r.sourceRecordId}
      <span class="badge ${ok ? 's-healthy' : 's-failing'}"
        >${t(lang, ok ? 'mappedOk' : 'mappedRejected')}</span
      >
    </h2>
    ${errorsTable(lang, r)}
    <div class="side-by-side">
      <div>
        <h3>${t(lang, 'rawRecord')}</h3>
        <pre>${JSON.stringify(r.raw, null, 2)}</pre>
      </div>
      <div>
        <h3>${t(lang, 'canonical')}</h3>
        <pre>${ok ? JSON.stringify(r.canonical, null, 2) : '—'}</pre>
      </div>
    </div>
    ${r.masked ? html`<p class="note">${t(lang, ok ? 'maskedIdentity' : 'previewShapes')}</p>` : ''}
  </section>`;
}

function limitForm(lang: Lang, id: string, limit: number): SafeHtml {
  return html`<form
    method="get"
    action="/sources/${encodeURIComponent(id)}/preview"
    class="filters"
  >
    <label
      >${t(lang, 'previewLimit')}
      <input type="number" name="limit" min="1" max="${PREVIEW_PAGE_MAX}" value="${limit}"
    /></label>
    <button>${t(lang, 'previewShow')}</button>
  </form>`;
}

function body(lang: Lang, role: Role, outcome: PreviewOutcome): SafeHtml {
  if (!outcome.ok) {
    return html`<div class="bad" role="alert" data-code="${outcome.code}">
      <p>${t(lang, 'previewFailed')}</p>
      <p><code>${outcome.code}</code> ${outcome.message}</p>
      <p>${t(lang, 'errorHint')}: ${outcome.hint}</p>
    </div>`;
  }
  const p = outcome.preview;
  if (p.records.length === 0) return html`<p class="note">${t(lang, 'previewNone')}</p>`;
  return html`<p data-mapped="${p.mapped}" data-rejected="${p.rejected}">
      ${t(lang, 'records')}: ${num(lang, p.records.length)} · ${t(lang, 'mappedOk')}:
      ${num(lang, p.mapped)} · ${t(lang, 'mappedRejected')}: ${num(lang, p.rejected)} ·
      ${t(lang, 'mappingVersion')}: <code>${p.mappingVersion}</code>
    </p>
    ${p.records.map((r) => recordBlock(lang, shownRecord(r, role)))}`;
}

/** The preview page. */
export function sourcePreviewPage(
  ctx: PageContext,
  source: ConsoleSourceView,
  limit: number,
  outcome: PreviewOutcome,
): string {
  const lang = ctx.lang;
  const role = ctx.user?.role ?? 'viewer';
  return layout(
    ctx,
    `${t(lang, 'previewTitle')}: ${source.name}`,
    html`${sourceActions(ctx, source.id, 'preview')}
      <p class="note">${t(lang, 'previewNote')}</p>
      ${limitForm(lang, source.id, limit)} ${body(lang, role, outcome)}`,
  );
}
