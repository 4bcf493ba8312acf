/**
 * The input of one leaf field of a config form (text, number, checkbox, select, text areas,
 * password for secrets) and its help line from the schema (description, default, range,
 * format, pattern). Every value goes through the html tag, so it is escaped.
 */
import { escapeHtml, html, raw, type SafeHtml } from '../html.ts';
import { t, type Lang } from '../messages.ts';
import { clearInputName, secretInputName, type FormField } from './form-fields.ts';
import type { FormState } from './form-state.ts';
import { helpOf, isLongText, unionTypes } from './schema-node.ts';

/** What a leaf input needs besides its field. */
export interface InputContext {
  readonly lang: Lang;
  readonly state: FormState;
  readonly readOnly: boolean;
  /** The secret of this field has a stored value. */
  readonly secretSet: boolean;
  /** id of the field's error message, for aria-describedby (null: no problem). */
  readonly errorId: string | null;
}

/** A unique, valid HTML id for a control name. */
export function controlId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'string')
    return /^[\x20-\x7e\u00a0-\uffff]*$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

function rangeHint(node: FormField['node'], lang: Lang): string | null {
  const min = typeof node['minimum'] === 'number' ? node['minimum'] : null;
  const max = typeof node['maximum'] === 'number' ? node['maximum'] : null;
  if (min !== null && max !== null) {
    return t(lang, 'formRange').replace('{min}', String(min)).replace('{max}', String(max));
  }
  if (min !== null) return `≥ ${min}`;
  return max === null ? null : `≤ ${max}`;
}

/** The help line: description, then default, range, format, pattern and how to write it. */
export function helpLine(field: FormField, lang: Lang): string {
  const node = field.node;
  const parts: string[] = [];
  const { title, description } = helpOf(node);
  if (title !== null) parts.push(title);
  if (description !== null && !field.secret) parts.push(description);
  if ('default' in node) parts.push(`${t(lang, 'formDefault')}: ${shown(node['default'])}`);
  const range = rangeHint(node, lang);
  if (range !== null) parts.push(range);
  if (typeof node['format'] === 'string') parts.push(`${t(lang, 'formFormat')}: ${node['format']}`);
  if (typeof node['pattern'] === 'string' && !field.secret) {
    parts.push(`${t(lang, 'formPattern')}: ${node['pattern']}`);
  }
  if (field.kind === 'lines') parts.push(t(lang, 'formOnePerLine'));
  if (field.kind === 'json') parts.push(t(lang, 'formJsonHint'));
  if (field.kind === 'scalar-union') parts.push([...unionTypes(node)].join(' | '));
  if (field.secret) parts.push(t(lang, 'formSecretHelp'));
  return parts.join(' · ');
}

function common(field: FormField, ctx: InputContext) {
  return {
    id: controlId(field.name),
    disabled: ctx.readOnly,
    required: field.required && !field.inVariant && !ctx.readOnly,
    described: ctx.errorId ?? '',
  };
}

function secretInput(field: FormField, ctx: InputContext): SafeHtml {
  const c = common(field, ctx);
  if (ctx.readOnly) {
    // Config-file sources: the field holds the NAME of an environment variable, not a secret.
    const envName = ctx.state[field.name] ?? '';
    return html`<input type="text" id="${c.id}" value="${envName}" disabled />`;
  }
  const placeholder = ctx.secretSet ? t(ctx.lang, 'secretKept') : '';
  const input = html`<input
    type="password"
    id="${c.id}"
    name="${secretInputName(field)}"
    value=""
    autocomplete="new-password"
    placeholder="${placeholder}"
    data-secret-set="${ctx.secretSet ? 'true' : 'false'}"
    aria-describedby="${c.described}"
  />`;
  if (!ctx.secretSet) return input;
  const name = clearInputName(field);
  return html`${input}
    <label class="inline" for="${controlId(name)}"
      ><input
        type="checkbox"
        id="${controlId(name)}"
        name="${name}"
        value="true"
        data-secret-clear
        ${ctx.state[name] === undefined ? '' : html`checked`}
      />
      ${t(ctx.lang, 'secretClear')}</label
    >`;
}

function selectInput(field: FormField, ctx: InputContext): SafeHtml {
  const c = common(field, ctx);
  const current = ctx.state[field.name] ?? '';
  const members = field.node['enum'] as readonly unknown[];
  const def = field.node['default'];
  const empty = def === undefined ? '—' : `— ${t(ctx.lang, 'formDefault')}: ${shown(def)} —`;
  return html`<select
    id="${c.id}"
    name="${field.name}"
    aria-describedby="${c.described}"
    ${c.disabled ? html`disabled` : ''}
  >
    <option value="">${empty}</option>
    ${members.map(
      (m) =>
        html`<option value="${String(m)}" ${String(m) === current ? html`selected` : ''}>
          ${shown(m)}
        </option>`,
    )}
  </select>`;
}

function textArea(field: FormField, ctx: InputContext, rows: number): SafeHtml {
  const c = common(field, ctx);
  const value = ctx.state[field.name] ?? '';
  const lines = Math.min(Math.max(rows, value.split('\n').length + 1), 20);
  const open = html`<textarea
    id="${c.id}"
    name="${field.name}"
    rows="${lines}"
    data-kind="${field.kind}"
    aria-describedby="${c.described}"
    ${c.disabled ? html`disabled` : ''}
    ${c.required ? html`required` : ''}
  >`;
  return textAreaHtml(open, value);
}

/**
 * An opening <textarea> tag, its text and the closing tag, built without template whitespace:
 * the newline after the tag is the one HTML drops, so the text comes back exactly as given.
 */
export function textAreaHtml(open: SafeHtml, text: string): SafeHtml {
  return raw(`${open.value}\n${escapeHtml(text)}</textarea>`);
}

function numberAttrs(field: FormField): SafeHtml {
  const n = field.node;
  const min = typeof n['minimum'] === 'number' ? html` min="${n['minimum']}"` : '';
  const max = typeof n['maximum'] === 'number' ? html` max="${n['maximum']}"` : '';
  return html`${min}${max} step="${field.kind === 'integer' ? '1' : 'any'}"`;
}

function textInput(field: FormField, ctx: InputContext): SafeHtml {
  const c = common(field, ctx);
  const number = field.kind === 'integer' || field.kind === 'number';
  const type = number ? 'number' : field.node['format'] === 'uri' ? 'url' : 'text';
  const max = field.node['maxLength'];
  const def = field.node['default'];
  return html`<input
    type="${type}"
    id="${c.id}"
    name="${field.name}"
    value="${ctx.state[field.name] ?? ''}"
    ${number ? numberAttrs(field) : ''}
    ${typeof max === 'number' ? html`maxlength="${max}"` : ''}
    ${def === undefined ? '' : html`placeholder="${shown(def)}"`}
    aria-describedby="${c.described}"
    ${c.disabled ? html`disabled` : ''}
    ${c.required ? html`required` : ''}
  />`;
}

/** The input of a leaf field (not an object or a variants field). */
export function leafInput(field: FormField, ctx: InputContext): SafeHtml {
  if (field.secret) return secretInput(field, ctx);
  const c = common(field, ctx);
  switch (field.kind) {
    case 'const':
      return html`<code id="${c.id}">${shown(field.node['const'])}</code>`;
    case 'boolean':
      return html`<input
        type="checkbox"
        id="${c.id}"
        name="${field.name}"
        value="true"
        ${ctx.state[field.name] === undefined ? '' : html`checked`}
        ${c.disabled ? html`disabled` : ''}
      />`;
    case 'enum':
      return selectInput(field, ctx);
    case 'lines':
      return textArea(field, ctx, 3);
    case 'json':
      return textArea(field, ctx, 4);
    case 'string':
      return isLongText(field.node) ? textArea(field, ctx, 6) : textInput(field, ctx);
    case 'integer':
    case 'number':
    case 'scalar-union':
    case 'object':
    case 'variants':
      return textInput(field, ctx);
  }
}
