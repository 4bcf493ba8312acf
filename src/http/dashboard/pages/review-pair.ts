/**
 * One review pair: both records side by side (the petitioners of a person pair, the petitions
 * of a case pair), masked as review-sides.ts decides, the reasons for the score, and the accept /
 * reject form with an optional note.
 */
import { MASK } from '../../../auth/mask.ts';
import type { ReviewSide } from '../../../dedup/review-view.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, layout, when, type PageContext } from '../layout.ts';
import { t, type Lang, type MessageKey } from '../messages.ts';
import { levelText, personReasons, reasonsTable } from './review-reasons.ts';
import { refParts, type ShownPair } from './review-sides.ts';

type Rec = Record<string, unknown>;

function rec(value: unknown): Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Rec) : {};
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).join('; ');
  return JSON.stringify(value);
}

/** A person side's displayed values, keyed like PERSON_ROWS. */
function personValues(r: Rec): Record<string, string> {
  const id = rec(r['idDocument']);
  const address = rec(r['address']);
  const birthYear = r['birthYear'] === 0 ? MASK : text(r['birthYear']);
  return {
    name: text(r['name']),
    idDocument: r['idDocument'] === undefined ? '' : `${text(id['type'])} ${text(id['number'])}`,
    birth: text(r['birthDate']) || birthYear,
    sex: text(r['sex']),
    address: [text(address['text']), text(address['communeCode'])].filter((s) => s).join(' · '),
    phone: text(r['phone']),
  };
}

/** Person rows: the value shown and the compared fields whose level goes with it. */
const PERSON_ROWS: readonly (readonly [string, MessageKey, readonly string[]])[] = [
  ['name', 'fName', ['name']],
  ['idDocument', 'fIdDocument', ['id']],
  ['birth', 'fBirth', ['birthYear']],
  ['sex', 'fSex', ['sex']],
  ['address', 'fAddress', ['ward', 'local']],
  ['phone', 'fPhone', ['phone']],
];

const CASE_ROWS: readonly (readonly [string, MessageKey])[] = [
  ['kind', 'fKind'],
  ['receivedAt', 'fReceivedAt'],
  ['agency', 'fAgency'],
  ['fieldArea', 'fFieldArea'],
  ['summary', 'fSummary'],
  ['petitioners', 'fPetitioners'],
];

function caseValue(r: Rec, field: string): string {
  if (field !== 'agency') return text(r[field]);
  const a = rec(r['agency']);
  return [text(a['name']), text(a['code']), text(a['unitCode'])].filter((s) => s).join(' · ');
}

function sideHead(lang: Lang, kind: 'person' | 'case', side: ReviewSide, key: MessageKey) {
  const hubId = refParts(kind, side.ref).hubId;
  const label = side.source === null ? side.ref : `${side.source} / ${side.sourceRecordId ?? ''}`;
  return html`<th>
    ${t(lang, key)}<br /><a href="/petitions/${hubId}"><small>${label}</small></a>
  </th>`;
}

function rows(lang: Lang, p: ShownPair): SafeHtml {
  const l = rec(p.left.record);
  const r = rec(p.right.record);
  if (p.kind === 'case') {
    return html`${CASE_ROWS.map(
      ([f, label]) =>
        html`<tr data-field="${f}">
          <th>${t(lang, label)}</th>
          <td>${caseValue(l, f)}</td>
          <td>${caseValue(r, f)}</td>
        </tr>`,
    )}`;
  }
  const [lv, rv] = [personValues(l), personValues(r)];
  const levels = personReasons(p.reasons).levels;
  return html`${PERSON_ROWS.map(
    ([f, label, compared]) =>
      html`<tr data-field="${f}">
        <th>${t(lang, label)}</th>
        <td>${lv[f] ?? ''}</td>
        <td>${rv[f] ?? ''}</td>
        <td>${compared.map((c) => levelText(lang, levels[c])).join(' / ')}</td>
      </tr>`,
  )}`;
}

function sideBySide(lang: Lang, p: ShownPair): SafeHtml {
  return html`<table id="sides">
    <thead>
      <tr>
        <th></th>
        ${sideHead(lang, p.kind, p.left, 'reviewLeft')}${sideHead(lang, p.kind, p.right, 'reviewRight')}
        ${p.kind === 'person' ? html`<th>${t(lang, 'reviewAgreement')}</th>` : ''}
      </tr>
    </thead>
    <tbody>
      ${rows(lang, p)}
    </tbody>
  </table>`;
}

function identityNotes(ctx: PageContext, p: ShownPair, revealed: boolean): SafeHtml {
  const lang = ctx.lang;
  return html`${p.protectedIdentity ? html`<p class="warn">${t(lang, 'reviewProtected')}</p>` : ''}
  ${p.clear ? '' : html`<p class="note" data-masked="true">${t(lang, 'maskedIdentity')}</p>`}
  ${revealed ? html`<p class="warn" data-revealed="true">${t(lang, 'revealed')}</p>` : ''}
  ${
    p.canReveal
      ? html`<form method="post" action="/review/${p.id}/reveal" class="card">
          ${csrfField(ctx)}
          <label
            >${t(lang, 'revealReason')}<input name="reason" required minlength="10" maxlength="500"
          /></label>
          <button>${t(lang, 'revealButton')}</button>
        </form>`
      : ''
  }`;
}

const STATUS_KEY: Record<ShownPair['status'], MessageKey> = {
  open: 'reviewStatusOpen',
  accepted: 'reviewStatusAccepted',
  rejected: 'reviewStatusRejected',
};

function decisionForm(ctx: PageContext, p: ShownPair): SafeHtml {
  const lang = ctx.lang;
  if (p.status !== 'open') return html``;
  return html`<form method="post" action="/review/${p.id}/accept" class="card" id="decide">
    ${csrfField(ctx)}
    <label
      >${t(lang, 'reviewNote')}<textarea name="note" maxlength="2000" rows="2"></textarea>
    </label>
    <button data-verdict="accept">${t(lang, 'reviewAccept')}</button>
    <button data-verdict="reject" formaction="/review/${p.id}/reject">
      ${t(lang, 'reviewReject')}
    </button>
  </form>`;
}

/** The page of one pair; `flash` is a message key to show on top. */
export function reviewPairPage(
  ctx: PageContext,
  p: ShownPair,
  revealed: boolean,
  flash: MessageKey | null,
): string {
  const lang = ctx.lang;
  const kindKey: MessageKey = p.kind === 'person' ? 'reviewKindPerson' : 'reviewKindCase';
  return layout(
    ctx,
    `${t(lang, 'reviewPairTitle')} #${p.id}`,
    html`${flash === null ? '' : html`<p role="status" class="bad">${t(lang, flash)}</p>`}
      <p data-status="${p.status}">
        ${t(lang, 'reviewKind')}: <strong>${t(lang, kindKey)}</strong> · ${t(lang, 'reviewScore')}:
        <strong>${Math.round(p.score * 100) / 100}</strong> · ${t(lang, 'reviewStatus')}:
        <strong>${t(lang, STATUS_KEY[p.status])}</strong> · ${t(lang, 'reviewCreated')}:
        ${when(lang, p.createdAt)}
      </p>
      ${identityNotes(ctx, p, revealed)}
      <h2>${t(lang, 'reviewSideBySide')}</h2>
      ${sideBySide(lang, p)}
      <h2>${t(lang, 'reviewReasons')}</h2>
      ${reasonsTable(lang, p.kind, p.reasons)} ${decisionForm(ctx, p)}
      <p><a href="/review">${t(lang, 'back')}</a></p>`,
  );
}
