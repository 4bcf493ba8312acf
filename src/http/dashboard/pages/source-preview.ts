/**
 * Mapping preview of a source: the first records from the source, each raw record next to its
 * canonical record, with the errors per field. Nothing is stored and the cursor does not move.
 * Identities follow the role rules (source-preview-mask.ts). Records are shown while the page
 * stays under 200 KB; the rest are counted, with a note saying so. The form asking for another
 * preview is a POST (the preview calls the source with its secrets).
 */
import type { ConsoleSourceView } from '../../../sources/console-contract.ts';
import type { MappingPreview } from '../../../workflow/preview-mapping.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, num, type PageContext } from '../layout.ts';
import { t, type Lang } from '../messages.ts';
import { sourceActions } from './source-common.ts';
import { shownRecord, type ShownRecord } from './source-preview-mask.ts';

/** Most records one preview asks the source for. */
export const PREVIEW_PAGE_MAX = 25;

/** Largest page the preview sends, in bytes. */
export const PREVIEW_PAGE_BYTES = 200_000;

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

function limitForm(ctx: PageContext, id: string, limit: number): SafeHtml {
  const lang = ctx.lang;
  return html`<form
    method="post"
    action="/sources/${encodeURIComponent(id)}/preview"
    class="filters"
  >
    ${csrfField(ctx)}
    <label
      >${t(lang, 'previewLimit')}
      <input type="number" name="limit" min="1" max="${PREVIEW_PAGE_MAX}" value="${limit}"
    /></label>
    <button data-action="preview-again">${t(lang, 'previewShow')}</button>
  </form>`;
}

function failure(lang: Lang, outcome: PreviewOutcome & { ok: false }): SafeHtml {
  return html`<div class="bad" role="alert" data-code="${outcome.code}">
    <p>${t(lang, 'previewFailed')}</p>
    <p><code>${outcome.code}</code> ${outcome.message}</p>
    <p>${t(lang, 'errorHint')}: ${outcome.hint}</p>
  </div>`;
}

function summary(lang: Lang, p: MappingPreview): SafeHtml {
  return html`<p data-mapped="${p.mapped}" data-rejected="${p.rejected}">
    ${t(lang, 'records')}: ${num(lang, p.records.length)} · ${t(lang, 'mappedOk')}:
    ${num(lang, p.mapped)} · ${t(lang, 'mappedRejected')}: ${num(lang, p.rejected)} ·
    ${t(lang, 'mappingVersion')}: <code>${p.mappingVersion}</code>
  </p>`;
}

/** The leading record blocks that fit in `budget` bytes. */
function fitting(blocks: readonly SafeHtml[], budget: number): SafeHtml[] {
  const out: SafeHtml[] = [];
  let used = 0;
  for (const b of blocks) {
    used += Buffer.byteLength(b.value);
    if (used > budget) break;
    out.push(b);
  }
  return out;
}

function trimmedNote(lang: Lang, shown: number, total: number): SafeHtml {
  if (shown === total) return html``;
  const text = t(lang, 'previewTrimmed')
    .replace('{shown}', String(shown))
    .replace('{total}', String(total));
  return html`<p class="warn" data-trimmed="${total - shown}">${text}</p>`;
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
  const page = (content: SafeHtml): string =>
    layout(
      ctx,
      `${t(lang, 'previewTitle')}: ${source.name}`,
      html`${sourceActions(ctx, source.id, 'preview')}
        <p class="note">${t(lang, 'previewNote')}</p>
        ${limitForm(ctx, source.id, limit)} ${content}`,
    );
  if (!outcome.ok) return page(failure(lang, outcome));
  const p = outcome.preview;
  if (p.records.length === 0) return page(html`<p class="note">${t(lang, 'previewNone')}</p>`);
  const blocks = p.records.map((r) => recordBlock(lang, shownRecord(r, role)));
  const frame = Buffer.byteLength(page(html`${summary(lang, p)}${trimmedNote(lang, 0, 1)}`));
  // A little room for the note's real numbers and the spaces between blocks.
  const shown = fitting(blocks, PREVIEW_PAGE_BYTES - frame - 100 - blocks.length);
  return page(html`${summary(lang, p)} ${trimmedNote(lang, shown.length, blocks.length)} ${shown}`);
}
