/**
 * The sync cursor of a source: where the next pull resumes, as JSON, with a form to replace it
 * or to clear it (pull from the beginning). Viewing and changing are audited by the service.
 */
import type { Cursor } from '../../../../adapters/contract.ts';
import type { ConsoleSourceView } from '../../../sources/console-contract.ts';
import { controlId, textAreaHtml } from '../forms/render-inputs.ts';
import { html } from '../html.ts';
import { csrfField, layout, type PageContext } from '../layout.ts';
import { t, type MessageKey } from '../messages.ts';
import { flashLine, sourceActions } from './source-common.ts';

/** What the cursor page shows. */
export interface CursorModel {
  readonly source: ConsoleSourceView;
  /** The text in the box: the stored cursor as JSON, or what was posted. */
  readonly text: string;
  /** Why the posted text was refused, or null. */
  readonly problem: string | null;
  readonly flash: MessageKey | null;
}

/** The cursor as the box shows it ('' when there is none). */
export function cursorText(cursor: Cursor | null): string {
  return cursor === null ? '' : JSON.stringify(cursor, null, 2);
}

/** The cursor page. */
export function sourceCursorPage(ctx: PageContext, m: CursorModel): string {
  const lang = ctx.lang;
  const path = `/sources/${encodeURIComponent(m.source.id)}/cursor`;
  const id = controlId('cursor');
  const rows = Math.min(Math.max(4, m.text.split('\n').length + 1), 20);
  return layout(
    ctx,
    `${t(lang, 'cursorTitle')}: ${m.source.name}`,
    html`${sourceActions(ctx, m.source.id, 'cursor')} ${flashLine(lang, m.flash)}
      <p class="note">${t(lang, 'cursorNote')}</p>
      <form method="post" action="${path}" class="source-form">
        ${csrfField(ctx)}
        <div class="field${m.problem === null ? '' : ' has-error'}" data-field="cursor">
          <label for="${id}">${t(lang, 'cursorJson')}</label>
          ${textAreaHtml(
            html`<textarea id="${id}" name="cursor" rows="${rows}" data-kind="json">`,
            m.text,
          )}
          <small class="help">${t(lang, 'cursorHelp')}</small>
          ${m.problem === null ? '' : html`<p class="field-error" role="alert">${m.problem}</p>`}
        </div>
        <p><button type="submit" data-action="save-cursor">${t(lang, 'cursorSave')}</button></p>
      </form>
      <form method="post" action="${path}" class="inline">
        ${csrfField(ctx)}<input type="hidden" name="cursor" value="null" />
        <button data-action="reset-cursor">${t(lang, 'cursorReset')}</button>
      </form>`,
  );
}
