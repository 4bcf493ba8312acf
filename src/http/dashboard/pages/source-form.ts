/**
 * Create, edit or view one source: its own fields (id, name, mapping file, schedule, enabled)
 * and the adapter config form generated from the adapter's JSON Schema. Problems from the
 * service or the form parser are listed above the form and next to their fields; secrets are
 * password inputs that are never filled in. Config-file sources are shown read-only.
 */
import type { ConsoleSourceView, DraftProblem } from '../../../sources/console-contract.ts';
import type { GeneralValues } from '../forms/draft-form.ts';
import type { FormField } from '../forms/form-fields.ts';
import type { FormState } from '../forms/form-state.ts';
import { renderConfigForm, VARIANT_SCRIPT } from '../forms/render-form.ts';
import { controlId } from '../forms/render-inputs.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import { problemText } from '../messages-console.ts';
import { adapterText, flashLine, problemSummary, sourceActions } from './source-common.ts';

/** Everything the form page shows. */
export interface SourceFormModel {
  /** create: new source; edit: a console source; view: a config-file source (read-only). */
  readonly mode: 'create' | 'edit' | 'view';
  readonly adapter: string;
  readonly fields: FormField;
  readonly general: GeneralValues;
  /** The config form's values (toFormState of the stored config, or what was posted). */
  readonly state: FormState;
  readonly problems: readonly DraftProblem[];
  readonly mappings: readonly string[];
  /** The stored source (edit and view). */
  readonly source: ConsoleSourceView | null;
  /** The version the edit started from (kept across a re-rendered form). */
  readonly version: number;
  readonly flash: MessageKey | null;
}

function generalRow(
  lang: Lang,
  name: string,
  label: MessageKey,
  input: SafeHtml,
  problems: readonly DraftProblem[],
  help: MessageKey | null = null,
): SafeHtml {
  const own = problems.filter((p) => p.field === name);
  return html`<div class="field${own.length > 0 ? ' has-error' : ''}" data-field="${name}">
    <label for="${controlId(name)}">${t(lang, label)}</label>
    ${input} ${help === null ? '' : html`<small class="help">${t(lang, help)}</small>`}
    ${own.map((p) => html`<p class="field-error" role="alert">${problemText(lang, p)}</p>`)}
  </div>`;
}

function mappingSelect(m: SourceFormModel, lang: Lang, disabled: boolean): SafeHtml {
  const current = m.general.mapping;
  const options =
    current === '' || m.mappings.includes(current) ? m.mappings : [current, ...m.mappings];
  return html`<select
    id="${controlId('mapping')}"
    name="mapping"
    ${disabled ? html`disabled` : html`required`}
  >
    <option value="">${t(lang, 'chooseMapping')}</option>
    ${options.map((f) => html`<option value="${f}" ${f === current ? html`selected` : ''}>${f}</option>`)}
  </select>`;
}

function generalFields(m: SourceFormModel, lang: Lang): SafeHtml {
  const g = m.general;
  const ro = m.mode === 'view';
  const off = ro ? html`disabled` : html``;
  const idInput =
    m.mode === 'create'
      ? html`<input
          type="text"
          id="${controlId('id')}"
          name="id"
          value="${g.id}"
          maxlength="64"
          required
        />`
      : html`<input type="text" id="${controlId('id')}" value="${g.id}" disabled />`;
  const rows = [
    generalRow(lang, 'id', 'sourceId', idInput, m.problems, 'sourceIdHelp'),
    generalRow(
      lang,
      'name',
      'sourceName',
      html`<input
        type="text"
        id="${controlId('name')}"
        name="name"
        value="${g.name}"
        maxlength="200"
        ${ro ? off : html`required`}
      />`,
      m.problems,
    ),
    generalRow(lang, 'mapping', 'mappingFile', mappingSelect(m, lang, ro), m.problems),
    generalRow(
      lang,
      'schedule',
      'sourceSchedule',
      html`<input
        type="text"
        id="${controlId('schedule')}"
        name="schedule"
        value="${g.schedule}"
        placeholder="*/15 * * * *"
        ${off}
      />`,
      m.problems,
      'sourceScheduleHelp',
    ),
    generalRow(
      lang,
      'enabled',
      'sourceEnabled',
      html`<input
        type="checkbox"
        id="${controlId('enabled')}"
        name="enabled"
        value="true"
        ${g.enabled ? html`checked` : ''}
        ${off}
      />`,
      m.problems,
    ),
  ];
  return html`<fieldset class="obj">
    <legend>${t(lang, 'generalFields')}</legend>
    ${rows}
  </fieldset>`;
}

function titleOf(m: SourceFormModel, lang: Lang): string {
  if (m.mode === 'create') return `${t(lang, 'newSourceTitle')}: ${m.adapter}`;
  const name = m.source?.name ?? m.general.id;
  return `${t(lang, m.mode === 'edit' ? 'editSourceTitle' : 'viewSourceTitle')}: ${name}`;
}

function lastChanged(m: SourceFormModel, lang: Lang): SafeHtml {
  const s = m.source;
  if (s === null || s.updatedAt === null) return html``;
  return html`<p class="note">
    ${t(lang, 'lastChanged')}:
    ${when(lang, s.updatedAt)}${s.updatedBy === null ? '' : ` · ${s.updatedBy}`}
  </p>`;
}

/** The create / edit / view page of a source. */
export function sourceFormPage(ctx: PageContext, m: SourceFormModel): string {
  const lang = ctx.lang;
  const ro = m.mode === 'view';
  const action = m.mode === 'create' ? '/sources' : `/sources/${encodeURIComponent(m.general.id)}`;
  const config = renderConfigForm(m.fields, {
    lang,
    state: m.state,
    problems: m.problems,
    secretsSet: m.source?.secretsSet ?? [],
    readOnly: ro,
  });
  return layout(
    ctx,
    titleOf(m, lang),
    html`${flashLine(lang, m.flash)}
      ${ro ? html`<p class="warn" data-origin="config-file">${t(lang, 'configFileNote')}</p>` : ''}
      ${m.mode === 'create' ? '' : sourceActions(ctx, m.general.id, 'edit')}
      ${problemSummary(lang, m.problems)}
      <form method="post" action="${action}" class="source-form" data-mode="${m.mode}">
        ${csrfField(ctx)}<input type="hidden" name="adapter" value="${m.adapter}" />
        ${m.mode === 'edit' ? html`<input type="hidden" name="version" value="${m.version}" />` : ''}
        ${generalFields(m, lang)}
        <fieldset class="obj config" data-adapter="${m.adapter}">
          <legend>${t(lang, 'configFields')} (${m.adapter})</legend>
          <small class="help">${adapterText(lang, m.adapter)}</small>
          ${config}
        </fieldset>
        ${ro ? '' : html`<p><button type="submit" data-action="save">${t(lang, 'sourceSave')}</button></p>`}
      </form>
      ${lastChanged(m, lang)} ${VARIANT_SCRIPT}`,
  );
}
