/**
 * The sources console (provincial IT): each source with its state and cursor, the actions run
 * now, pause and resume, and the links into the console pages (routes-console.ts): new source,
 * configuration (edit, or read-only for config-file sources), test connection and mapping
 * preview (both POST forms: they call the source with its secrets) and cursor.
 */
import type { SourceStatus } from '../../../store/sources-repo.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type MessageKey } from '../messages.ts';
import { stateBadge } from './overview.ts';
import { probeButton } from './source-common.ts';

function action(ctx: PageContext, id: string, verb: string, key: MessageKey): SafeHtml {
  return html`<form method="post" action="/sources/${id}/${verb}" class="inline">
    ${csrfField(ctx)}<button data-action="${verb}">${t(ctx.lang, key)}</button>
  </form>`;
}

function consoleLinks(ctx: PageContext, id: string): SafeHtml {
  const path = encodeURIComponent(id);
  const lang = ctx.lang;
  return html`<span class="console-links">
    <a href="/sources/${path}/edit" data-link="edit">${t(lang, 'viewSource')}</a>
    ${probeButton(ctx, id, 'test', 'testConnection')}
    ${probeButton(ctx, id, 'preview', 'previewMapping')}
    <a href="/sources/${path}/cursor" data-link="cursor">${t(lang, 'viewCursor')}</a>
  </span>`;
}

/** The console page; `flash` is a message key shown once after an action. */
export function sourcesPage(
  ctx: PageContext,
  sources: readonly SourceStatus[],
  flash: MessageKey | null,
): string {
  const lang = ctx.lang;
  return layout(
    ctx,
    t(lang, 'sourcesTitle'),
    html`${flash === null ? '' : html`<p class="ok" role="status">${t(lang, flash)}</p>`}
      <p>
        <a class="button" href="/sources/new" data-action="new-source">${t(lang, 'newSource')}</a>
      </p>
      <table id="console">
        <thead>
          <tr>
            <th>${t(lang, 'source')}</th>
            <th>${t(lang, 'kind')}</th>
            <th>${t(lang, 'state')}</th>
            <th>${t(lang, 'lastSuccess')}</th>
            <th>${t(lang, 'cursor')}</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          ${sources.map(
            (s) =>
              html`<tr data-source="${s.id}">
                <td>${s.name}<br /><small>${s.id}</small></td>
                <td>${s.kind}</td>
                <td>${stateBadge(lang, s.state)}</td>
                <td>${when(lang, s.lastSuccessAt)}</td>
                <td>
                  <code class="cursor"
                    >${s.cursor === null ? t(lang, 'none') : JSON.stringify(s.cursor)}</code
                  >
                </td>
                <td>
                  ${action(ctx, s.id, 'run', 'runNow')}
                  ${s.paused ? action(ctx, s.id, 'resume', 'resume') : action(ctx, s.id, 'pause', 'pause')}
                  ${consoleLinks(ctx, s.id)}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}
