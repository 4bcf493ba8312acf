/**
 * The reasons behind a review pair's score, as stored by the matcher (src/core/matching): for a
 * person pair the agreement level and weight of each compared field, the total weight and the
 * match probability; for a case pair the text and number similarity, shared petitioners, kind,
 * field area and days apart. Reasons carry levels and numbers only, never personal values, so
 * they are shown to every role that may open the review pages.
 */
import { html, type SafeHtml } from '../html.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';

/** Fields a person pair is compared on, in display order, with their labels. */
export const PERSON_REASON_FIELDS: readonly (readonly [string, MessageKey])[] = [
  ['name', 'rName'],
  ['id', 'rId'],
  ['birthYear', 'rBirthYear'],
  ['sex', 'rSex'],
  ['ward', 'rWard'],
  ['local', 'rLocal'],
  ['phone', 'rPhone'],
];

const LEVEL_KEY: Readonly<Record<string, MessageKey>> = {
  exact: 'lvlExact',
  surnameGiven: 'lvlSurnameGiven',
  typo: 'lvlTypo',
  givenOnly: 'lvlGivenOnly',
  different: 'lvlDifferent',
  same: 'lvlSame',
  near: 'lvlNear',
  conflict: 'lvlConflict',
  close: 'lvlClose',
  compatible: 'lvlCompatible',
  missing: 'lvlMissing',
};

/** The agreement level in the page language ("not compared" when absent). */
export function levelText(lang: Lang, level: string | undefined): string {
  if (level === undefined) return t(lang, 'lvlNotCompared');
  const key = LEVEL_KEY[level];
  return key === undefined ? `${t(lang, 'lvlUnknown')} (${level})` : t(lang, key);
}

function obj(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function numOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A person pair's reasons, read defensively (older rows may lack parts). */
export interface PersonReasons {
  readonly weight: number | null;
  readonly probability: number | null;
  readonly levels: Readonly<Record<string, string>>;
  readonly weights: Readonly<Record<string, number>>;
  readonly rule: string | null;
}

/** Reads a person pair's stored reasons. */
export function personReasons(reasons: unknown): PersonReasons {
  const r = obj(reasons);
  const levels = Object.fromEntries(
    Object.entries(obj(r['levels'])).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const weights = Object.fromEntries(
    Object.entries(obj(r['weights'])).filter(
      (e): e is [string, number] => typeof e[1] === 'number',
    ),
  );
  return {
    weight: numOr(r['weight']),
    probability: numOr(r['probability']),
    levels,
    weights,
    rule: typeof r['rule'] === 'string' ? r['rule'] : null,
  };
}

const CASE_ROWS: readonly (readonly [string, MessageKey])[] = [
  ['text', 'rText'],
  ['numbers', 'rNumbers'],
  ['personOverlap', 'rPersonOverlap'],
  ['kind', 'rKind'],
  ['fieldArea', 'rFieldArea'],
  ['daysApart', 'rDaysApart'],
];

function caseValue(lang: Lang, value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return levelText(lang, value);
  return t(lang, 'lvlNotCompared');
}

function caseTable(lang: Lang, reasons: unknown): SafeHtml {
  const r = obj(reasons);
  return html`<table id="reasons">
    <tbody>
      ${CASE_ROWS.map(
        ([field, label]) =>
          html`<tr data-field="${field}">
            <th>${t(lang, label)}</th>
            <td>${caseValue(lang, r[field])}</td>
          </tr>`,
      )}
      <tr>
        <th>${t(lang, 'reviewScore')}</th>
        <td>${caseValue(lang, r['score'])}</td>
      </tr>
      ${
        typeof r['rule'] === 'string'
          ? html`<tr>
              <th>${t(lang, 'reviewRule')}</th>
              <td>${r['rule']}</td>
            </tr>`
          : ''
      }
    </tbody>
  </table>`;
}

function personTable(lang: Lang, reasons: unknown): SafeHtml {
  const p = personReasons(reasons);
  return html`<table id="reasons">
    <thead>
      <tr>
        <th></th>
        <th>${t(lang, 'reviewAgreement')}</th>
        <th>${t(lang, 'reviewWeight')}</th>
      </tr>
    </thead>
    <tbody>
      ${PERSON_REASON_FIELDS.map(
        ([field, label]) =>
          html`<tr data-field="${field}" data-level="${p.levels[field] ?? 'none'}">
            <th>${t(lang, label)}</th>
            <td>${levelText(lang, p.levels[field])}</td>
            <td>${p.weights[field] ?? ''}</td>
          </tr>`,
      )}
      <tr>
        <th>${t(lang, 'reviewScore')}</th>
        <td></td>
        <td>${p.weight ?? ''}</td>
      </tr>
      <tr>
        <th>${t(lang, 'reviewProbability')}</th>
        <td colspan="2">
          ${p.probability === null ? '' : `${Math.round(p.probability * 1000) / 10}%`}
        </td>
      </tr>
      ${
        p.rule === null
          ? ''
          : html`<tr>
              <th>${t(lang, 'reviewRule')}</th>
              <td colspan="2">${p.rule}</td>
            </tr>`
      }
    </tbody>
  </table>`;
}

/** The reasons table of a pair. */
export function reasonsTable(lang: Lang, kind: 'person' | 'case', reasons: unknown): SafeHtml {
  return kind === 'case' ? caseTable(lang, reasons) : personTable(lang, reasons);
}

/** One line naming the fields that agreed and how (for the queue). */
export function reasonsLine(lang: Lang, kind: 'person' | 'case', reasons: unknown): string {
  if (kind === 'case') {
    const r = obj(reasons);
    return CASE_ROWS.filter(([f]) => r[f] !== undefined && r[f] !== null)
      .map(([f, label]) => `${t(lang, label)}: ${caseValue(lang, r[f])}`)
      .join(' · ');
  }
  const p = personReasons(reasons);
  return PERSON_REASON_FIELDS.filter(([f]) => p.levels[f] !== undefined)
    .map(([f, label]) => `${t(lang, label)}: ${levelText(lang, p.levels[f])}`)
    .join(' · ');
}
