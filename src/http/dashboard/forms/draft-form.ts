/**
 * A posted source form as a SourceDraft: the source's own fields (id, name, mapping file,
 * schedule, enabled) and the adapter config with its new secrets, plus what could not be read.
 */
import type { DraftProblem, SourceDraft } from '../../../sources/console-contract.ts';
import type { Lang } from '../messages.ts';
import type { FormField } from './form-fields.ts';
import type { FormState } from './form-state.ts';
import { parseConfigForm } from './parse-form.ts';

/** The source's own fields as the form shows them. */
export interface GeneralValues {
  readonly id: string;
  readonly name: string;
  readonly mapping: string;
  readonly schedule: string;
  readonly enabled: boolean;
}

/** A read form. */
export interface DraftForm {
  readonly draft: SourceDraft;
  /** What the parser could not read (the service checks the rest). */
  readonly problems: readonly DraftProblem[];
  /** The general fields as posted, to show again. */
  readonly general: GeneralValues;
}

/** The general fields of a posted form; `id` is the URL's for an edit. */
export function generalOf(state: FormState, id: string | null): GeneralValues {
  const text = (k: string) => (state[k] ?? '').trim();
  return {
    id: id ?? text('id'),
    name: text('name'),
    mapping: text('mapping'),
    schedule: text('schedule'),
    enabled: state['enabled'] !== undefined,
  };
}

/** Reads a posted source form of an adapter whose config fields are `root`. */
export function draftOf(
  state: FormState,
  root: FormField,
  adapter: string,
  id: string | null,
  lang: Lang,
): DraftForm {
  const general = generalOf(state, id);
  const parsed = parseConfigForm(root, state, lang);
  const draft: SourceDraft = {
    ...general,
    adapter,
    schedule: general.schedule === '' ? null : general.schedule,
    config: parsed.config,
    secrets: parsed.secrets,
    ...(parsed.clearSecrets.length > 0 ? { clearSecrets: parsed.clearSecrets } : {}),
  };
  return { draft, problems: parsed.problems, general };
}
