/**
 * The sources console (provincial IT): each source with its state and cursor, and the actions
 * that exist today: run now, pause, resume. Create/edit forms from each adapter's JSON Schema,
 * test connection, mapping preview and cursor editing are follow-ups (their APIs are not there).
 */
import type { SourceStatus } from '../../../store/sources-repo.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type MessageKey } from '../messages.ts';
import { stateBadge } from './overview.ts';

function action(ctx: PageContext, id: string, verb: string, key: MessageKey): SafeHtml {
  return html`<form method="post" action="/sources/${id}/${verb}" class="inline">
    ${csrfField(ctx)}<button data-action="${verb}">${t(ctx.lang, key)}</button>
  </form>`;
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
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="note">${t(lang, 'sourcesFollowUp')}</p>`,
  );
}
