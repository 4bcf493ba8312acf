/**
 * Pieces the sources console pages share: the "not configured" page, the action bar of one
 * source (edit, test connection, preview mapping, cursor), the list of problems above a form
 * and the short description of each adapter kind.
 */
import type { DraftProblem } from '../../../sources/console-contract.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import { problemText } from '../messages-console.ts';

/** The page every console route answers when the hub runs without the console service. */
export function consoleOffPage(ctx: PageContext): string {
  return layout(
    ctx,
    t(ctx.lang, 'consoleOffTitle'),
    html`<p class="warn" data-code="console-off">${t(ctx.lang, 'consoleOffText')}</p>
      <p><a href="/sources">${t(ctx.lang, 'backToSources')}</a></p>`,
  );
}

/** Which console page of a source is showing (its link is left out of the bar). */
export type SourcePage = 'edit' | 'test' | 'preview' | 'cursor';

/**
 * A button posting to one of a source's console actions (test, preview): they call the source
 * with its secrets, so they are POSTs with the CSRF token, never links.
 */
export function probeButton(
  ctx: PageContext,
  id: string,
  action: 'test' | 'preview',
  key: MessageKey,
): SafeHtml {
  return html`<form
    method="post"
    action="/sources/${encodeURIComponent(id)}/${action}"
    class="inline"
  >
    ${csrfField(ctx)}<button data-action="${action}">${t(ctx.lang, key)}</button>
  </form>`;
}

/** Links and the test and preview buttons of one source. */
export function sourceActions(ctx: PageContext, id: string, current: SourcePage | null): SafeHtml {
  const lang = ctx.lang;
  const path = encodeURIComponent(id);
  const link = (page: SourcePage, href: string, key: MessageKey) =>
    page === current ? '' : html`<a href="${href}" data-link="${page}">${t(lang, key)}</a>`;
  return html`<nav class="source-actions">
    ${link('edit', `/sources/${path}/edit`, 'viewSource')}
    ${probeButton(ctx, id, 'test', 'testConnection')}
    ${current === 'preview' ? '' : probeButton(ctx, id, 'preview', 'previewMapping')}
    ${link('cursor', `/sources/${path}/cursor`, 'viewCursor')}
    <a href="/sources">${t(lang, 'backToSources')}</a>
  </nav>`;
}

/** The problems of a form, listed above it (each is also shown next to its field). */
export function problemSummary(lang: Lang, problems: readonly DraftProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="problems" role="alert" data-problems="${problems.length}">
    <p><strong>${t(lang, 'problemsTitle')}</strong></p>
    <ul>
      ${problems.map(
        (p) =>
          html`<li data-field="${p.field}"><code>${p.field}</code>: ${problemText(lang, p)}</li>`,
      )}
    </ul>
  </div>`;
}

const ADAPTER_TEXT: Readonly<Record<string, MessageKey>> = {
  'rest-json': 'adapterRestJson',
  'soap-xml': 'adapterSoapXml',
  'file-drop': 'adapterFileDrop',
  sql: 'adapterSql',
};

/** One line on what an adapter kind reads (the kind itself when it has none). */
export function adapterText(lang: Lang, kind: string): string {
  const key = ADAPTER_TEXT[kind];
  return key === undefined ? kind : t(lang, key);
}

/** A flash message shown once after a redirect. */
export function flashLine(lang: Lang, flash: MessageKey | null): SafeHtml {
  return flash === null ? html`` : html`<p class="ok" role="status">${t(lang, flash)}</p>`;
}
