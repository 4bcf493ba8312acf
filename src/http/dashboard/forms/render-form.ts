/**
 * JSON Schema → HTML form: a fieldset per nested object, a select and a fieldset per variant of
 * a oneOf/anyOf (all in the form; the selected one is read, so it works without script), a
 * leaf input per scalar, each with its help line and the problems on its config path.
 */
import type { DraftProblem } from '../../../sources/console-contract.ts';
import { html, type SafeHtml } from '../html.ts';
import { t, type Lang } from '../messages.ts';
import { problemText } from '../messages-console.ts';
import { variantSelectName, type FormField } from './form-fields.ts';
import type { FormState } from './form-state.ts';
import { controlId, helpLine, leafInput } from './render-inputs.ts';

/** How to draw a config form. */
export interface FormRenderOptions {
  readonly lang: Lang;
  /** The values to show (toFormState of a config, or what was posted). */
  readonly state: FormState;
  /** Problems by field ("config.<path>"); each is shown next to its field. */
  readonly problems: readonly DraftProblem[];
  /** Config paths of secrets with a stored value ("auth.secretEnv"). */
  readonly secretsSet: readonly string[];
  /** Disabled controls (config-file sources); secret fields show the variable's name. */
  readonly readOnly: boolean;
}

function problemField(field: FormField): string {
  return field.path === '' ? 'config' : `config.${field.path}`;
}

/** Problems on the field; `below` adds those on its sub-paths (array items, JSON members). */
function problemsOf(field: FormField, problems: readonly DraftProblem[], below: boolean) {
  const at = problemField(field);
  return problems.filter(
    (p) =>
      p.field === at || (below && (p.field.startsWith(`${at}.`) || p.field.startsWith(`${at}[`))),
  );
}

function errors(lang: Lang, id: string, list: readonly DraftProblem[]): SafeHtml {
  return html`${list.map(
    (p, i) =>
      html`<p class="field-error" id="${id}-err${i}" role="alert">${problemText(lang, p)}</p>`,
  )}`;
}

function leafRow(field: FormField, opts: FormRenderOptions): SafeHtml {
  const own = problemsOf(field, opts.problems, true);
  const id = controlId(field.name);
  const input = leafInput(field, {
    lang: opts.lang,
    state: opts.state,
    readOnly: opts.readOnly,
    secretSet: field.secret && opts.secretsSet.includes(field.path),
    errorId: own.length > 0 ? `${id}-err0` : null,
  });
  const label = field.secret ? `${field.key} — ${t(opts.lang, 'secretValue')}` : field.key;
  const help = helpLine(field, opts.lang);
  return html`<div
    class="field${own.length > 0 ? ' has-error' : ''}"
    data-field="${problemField(field)}"
  >
    <label for="${id}">${label}${field.required ? html`<span class="req"> *</span>` : ''}</label>
    ${input} ${help === '' ? '' : html`<small class="help">${help}</small>`}
    ${errors(opts.lang, id, own)}
  </div>`;
}

function objectBlock(field: FormField, opts: FormRenderOptions): SafeHtml {
  const own = problemsOf(field, opts.problems, false);
  const help = helpLine(field, opts.lang);
  return html`<fieldset class="obj" data-field="${problemField(field)}">
    <legend>${field.key}${field.required ? html`<span class="req"> *</span>` : ''}</legend>
    ${help === '' ? '' : html`<small class="help">${help}</small>`}
    ${errors(opts.lang, controlId(field.name), own)}
    ${field.children.map((c) => fieldBlock(c, opts))}
  </fieldset>`;
}

function chosenVariant(field: FormField, state: FormState): string {
  const picked = state[variantSelectName(field)];
  if (picked !== undefined) return picked;
  return field.required ? (field.variants[0]?.key ?? '') : '';
}

function variantsBlock(field: FormField, opts: FormRenderOptions): SafeHtml {
  const discriminators = new Set(
    field.variants.flatMap((v) =>
      v.discriminator === null ? [] : [`${problemField(field)}.${v.discriminator}`],
    ),
  );
  const own = opts.problems.filter(
    (p) => p.field === problemField(field) || discriminators.has(p.field),
  );
  const select = variantSelectName(field);
  const id = controlId(select);
  const chosen = chosenVariant(field, opts.state);
  const off = { ...opts, problems: [], secretsSet: [] };
  return html`<fieldset class="variants" data-field="${problemField(field)}">
    <legend>${field.key}${field.required ? html`<span class="req"> *</span>` : ''}</legend>
    <label for="${id}">${t(opts.lang, 'formVariant')}</label>
    <select id="${id}" name="${select}" data-variant-select ${opts.readOnly ? html`disabled` : ''}>
      ${field.required ? '' : html`<option value="">—</option>`}
      ${field.variants.map(
        (v) =>
          html`<option value="${v.key}" ${v.key === chosen ? html`selected` : ''}>
            ${v.label}
          </option>`,
      )}
    </select>
    ${errors(opts.lang, id, own)}
    ${field.variants.map(
      (v) =>
        html`<fieldset
          class="variant"
          data-variant-of="${select}"
          data-variant="${v.key}"
          ${v.key === chosen ? html`data-chosen` : ''}
        >
          <legend>${v.label}</legend>
          <p class="note variant-note">${t(opts.lang, 'formVariantOnly')} “${v.label}”.</p>
          ${v.children.map((c) => fieldBlock(c, v.key === chosen ? opts : off))}
        </fieldset>`,
    )}
  </fieldset>`;
}

function fieldBlock(field: FormField, opts: FormRenderOptions): SafeHtml {
  if (field.kind === 'object') return objectBlock(field, opts);
  if (field.kind === 'variants') return variantsBlock(field, opts);
  return leafRow(field, opts);
}

/** The config form's fields (without <form>: the page adds it with the source's own fields). */
export function renderConfigForm(root: FormField, opts: FormRenderOptions): SafeHtml {
  if (root.kind !== 'object') return fieldBlock(root, opts);
  const own = problemsOf(root, opts.problems, false);
  return html`${errors(opts.lang, controlId(root.name), own)}${root.children.map((c) => fieldBlock(c, opts))}`;
}

/**
 * Shows only the selected variant's fields and disables the others (so they are not posted).
 * Without script every variant stays visible and the selected one is read on submit.
 */
export const VARIANT_SCRIPT: SafeHtml = html`<script>
  document.querySelectorAll('select[data-variant-select]').forEach(function (s) {
    function sync() {
      document.querySelectorAll('fieldset[data-variant-of]').forEach(function (f) {
        if (f.getAttribute('data-variant-of') !== s.name) return;
        var on = f.getAttribute('data-variant') === s.value;
        f.hidden = !on;
        f.disabled = !on && !s.disabled;
        var note = f.querySelector('.variant-note');
        if (note) note.hidden = true;
      });
    }
    s.addEventListener('change', sync);
    sync();
  });
</script>`;
