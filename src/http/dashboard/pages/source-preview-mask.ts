/**
 * What of a mapping preview the signed-in role may see. An accepted record follows the petition
 * rules (src/http/dashboard/petition-view.ts): a protected denouncer's identity is masked in the
 * canonical record and redacted from the raw one, even for admins. A rejected record has no
 * canonical record to say whether it is protected, so its raw values are shown by their shape
 * only (letters → x, digits → 9: enough to fix a format error), as the runs page does for
 * rejected personal values.
 */
import {
  isPersonalField,
  maskPetition,
  personalValues,
  redactRaw,
  shapeOf,
} from '../../../auth/mask.ts';
import { seesIdentity, type Role } from '../../../auth/roles.ts';
import type { FieldError } from '../../../core/field-error.ts';
import type { MappedRecord } from '../../../workflow/map-record.ts';

/** One preview record as shown. */
export interface ShownRecord {
  readonly sourceRecordId: string;
  readonly raw: unknown;
  readonly canonical: unknown;
  readonly errors: readonly (FieldError & { readonly shown: string })[];
  /** The raw values are shapes (rejected record) or personal values are masked. */
  readonly masked: boolean;
}

function shapeAll(value: unknown): unknown {
  if (typeof value === 'string') return shapeOf(value);
  if (typeof value === 'number') return shapeOf(String(value));
  if (Array.isArray(value)) return value.map(shapeAll);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeAll(v)] as const));
  }
  return value;
}

function shownValue(e: FieldError): string {
  if (e.value === undefined) return '';
  return isPersonalField(e.field, e.sourceField ?? null) ? shapeOf(e.value) : e.value;
}

/** The record as `role` may see it. */
export function shownRecord(r: MappedRecord, role: Role): ShownRecord {
  const errors = r.errors.map((e) => ({ ...e, shown: shownValue(e) }));
  const base = { sourceRecordId: r.sourceRecordId, errors };
  if (r.canonical === null) return { ...base, raw: shapeAll(r.raw), canonical: null, masked: true };
  if (seesIdentity(role, r.canonical.confidentiality.protectIdentity)) {
    return { ...base, raw: r.raw, canonical: r.canonical, masked: false };
  }
  const secrets = personalValues(r.canonical);
  return {
    ...base,
    raw: redactRaw(r.raw, secrets),
    canonical: redactRaw(maskPetition(r.canonical), secrets),
    masked: true,
  };
}
