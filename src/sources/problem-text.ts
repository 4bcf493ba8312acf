/**
 * The words of the sources console's problems. Each problem is a list of message keys with their
 * values, so the dashboard can say it in the page's language (src/http/dashboard/
 * messages-console.ts has a Vietnamese text for every key here), and an English sentence built
 * from the same keys for the CLI, JSON answers and logs. Values are setting names, limits, ids
 * and paths, never what was typed into a field (a secret pasted in the wrong place).
 */
import { SECRETS_KEY_HINT } from '../lib/secret-box.ts';
import type { DraftProblem, ProblemPart } from './console-contract.ts';

/** English text of every problem key; `{name}` stands for the part's value of that name. */
export const PROBLEM_EN = {
  idFixed: 'The id of a source cannot be changed: keep "{id}".',
  idPattern:
    'Enter 2–63 characters: lower-case letters a–z, digits and hyphens, starting with a letter or digit (e.g. phuong-ghenh-rang).',
  idInFile: '"{id}" is already a source of the deployment file: choose another id.',
  idTaken: 'A source "{id}" already exists: choose another id.',
  idUsedBefore:
    'The id "{id}" was used before by a source that has been removed; its records, runs and cursor are still kept under that id. Choose another id.',
  idReadOnly:
    '"{id}" is defined in the deployment file {file}: change it there and restart the hub.',
  stale:
    'Someone else saved this source meanwhile (it is now at version {current}; you edited version {expected}). Reload the page, apply your changes again and save.',
  nameEmpty: 'Enter the name of the local system (e.g. "Sổ đơn thư phường Ghềnh Ráng").',
  nameTooLong: 'Enter at most {max} characters.',
  mappingUnknown:
    'Choose one of the mapping files under mappings/ ({known}); to add one, follow docs/onboarding.md.',
  mappingBroken:
    '{detail}. Fix the mapping file (check it with `kntc-hub mapping check`) or choose another.',
  scheduleInvalid:
    'This is not a cron expression ({reason}). Enter five fields — minute, hour, day of month, month, day of week, in Vietnam time — e.g. "*/15 6-20 * * 1-6" (every 15 minutes from 6:00 to 20:59, Monday to Saturday), or leave it empty to pull only on demand.',
  adapterUnknown: 'Choose an adapter kind: {kinds}.',
  configMissing: 'Enter the adapter settings.',
  secretNotSecret: 'This setting is not a secret of this config: leave it empty.',
  secretNoKey: `The hub has no secrets key, so it cannot store secrets. ${SECRETS_KEY_HINT}`,
  secretTooLong: 'Enter at most {max} characters.',
  secretMissing:
    'Enter the secret (password, API key or connection URL): it is stored encrypted and never shown again.',
  secretMissingNoKey: `Enter the secret (password, API key or connection URL). The hub has no secrets key yet: ${SECRETS_KEY_HINT}`,
  secretClearOrEnter: 'Either enter a new value or tick "clear the stored value", not both.',
  folderOutside:
    'Choose a folder inside {root}: sources created in the console may read and move files only there. The hub operator sets that folder with KNTC_DROP_ROOT.',
  folderDefaultOutside:
    'The processed and failed folders default to folders next to the inbox, which would be outside {root}. Choose a sub-folder as the inbox (e.g. {example}), or set processedDir and failedDir inside {root}. The hub operator sets that folder with KNTC_DROP_ROOT.',
  chooseOne: 'Choose one of: {values}.',
  fillOneOf: 'Fill in one of these sets of settings: {forms}.',
  required: 'Required: enter a value.',
  notASetting: '"{name}" is not a setting of this adapter: remove it (check the spelling).',
  typeInteger: 'Enter a whole number.',
  typeNumber: 'Enter a number.',
  typeString: 'Enter text.',
  typeBoolean: 'Enter yes or no (true/false).',
  typeArray: 'Enter a list.',
  typeObject: 'Enter a group of settings.',
  typeOther: 'Enter a value of type {type}.',
  minimum: 'Enter a number of at least {limit}.',
  exclusiveMinimum: 'Enter a number above {limit}.',
  maximum: 'Enter a number of at most {limit}.',
  exclusiveMaximum: 'Enter a number below {limit}.',
  enterValue: 'Enter a value.',
  minLength: 'Enter at least {limit} characters.',
  maxLength: 'Enter at most {limit} characters.',
  pattern: 'Not in the expected form (it must match {pattern}).',
  formatUri: 'Enter a full address, such as https://dondu.example.vn.',
  formatDateTime: 'Enter a date and time, such as 2026-01-31T08:00:00+07:00.',
  formatOther: 'Enter a valid {format}.',
  enum: 'Choose one of: {values}.',
  const: 'Must be {value}.',
  minItems: 'Enter at least {limit} item(s).',
  notAccepted: 'Not accepted ({keyword}).',
  /** A schema's own description of the setting, shown as written in the adapter's schema. */
  schemaNote: '{text}',
} as const;

/** A message key of a console problem. */
export type ProblemKey = keyof typeof PROBLEM_EN;

/** Values of a problem's message. */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** `template` with each `{name}` replaced by its value (unknown names are left as written). */
export function fillTemplate(template: string, params: ProblemParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** One sentence of a problem. */
export function part(key: ProblemKey, params: ProblemParams = {}): ProblemPart {
  return { key, params };
}

/** The English text of a problem's sentences. */
export function englishOf(parts: readonly ProblemPart[]): string {
  return parts.map((p) => fillTemplate(PROBLEM_EN[p.key], p.params)).join(' ');
}

/** A problem on `field`, said by `parts` (English message built from them). */
export function problemOf(field: string, ...parts: ProblemPart[]): DraftProblem {
  return { field, message: englishOf(parts), parts };
}
