/**
 * Reads one answer: finds the record elements at the configured path, normalises each into a
 * RawRecord and reads its (modified, id) position.
 *
 * bytes = JSON.stringify(payload). The raw store keeps the payload and a hash of the bytes;
 * slicing each record's original XML would need element offsets xml2js does not give, and the
 * slice would lack the namespace declarations in scope. The serialised payload is stable for
 * the same XML, which is what the hash is for.
 */
import { badPayloadError, type HttpTarget } from '../shared/http-errors.ts';
import { pageRecord, type Page, type PageRecord } from '../shared/page.ts';
import { parseInstant } from '../shared/position.ts';
import { normaliseRecord, normaliseValue, type OversizeInfo } from './normalise.ts';
import type { XmlAnswer } from './transport.ts';

/** Which elements to read, from the config. */
export interface PageShape {
  readonly records: string;
  readonly totalPages?: string;
  readonly record: { readonly id: string; readonly modified: string };
}

function child(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Reads a dot path in a normalised record; a text-with-attributes element gives its text. */
export function atPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) current = child(current, key);
  const text = child(current, '#text');
  return text === undefined ? current : text;
}

/** The record elements (raw) at the path; throws when the path leads nowhere. */
function recordElements(target: HttpTarget, answer: XmlAnswer, path: string): unknown[] {
  const steps = path.split('.');
  let current: unknown = answer.tree;
  for (let i = 0; i < steps.length; i++) {
    const next = child(current, steps[i] ?? '');
    if (next === undefined || next === '' || next === null) {
      // The parent is there but holds no record: an empty page, not a wrong path.
      if (i === steps.length - 1 && current !== undefined) return [];
      if (next === '' && i === steps.length - 2) return [];
      const found = steps.slice(0, i).join('.') || '(root)';
      throw badPayloadError(
        target,
        answer.status,
        `no element at "${path}" (the answer has ${found} but not ${steps[i] ?? ''} under it)`,
      );
    }
    current = next;
  }
  return Array.isArray(current) ? current : [current];
}

function readId(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const id = value.trim();
  return id.length > 0 ? id : null;
}

function toPageRecord(
  raw: unknown,
  name: string,
  shape: PageShape,
  info: OversizeInfo,
): PageRecord {
  const payload = normaliseRecord(raw, name, info);
  const sourceRecordId = readId(atPath(payload, shape.record.id));
  const modified = atPath(payload, shape.record.modified);
  const instant = parseInstant(typeof modified === 'string' ? modified.trim() : null);
  return pageRecord(payload, sourceRecordId, instant);
}

function readTotalPages(answer: XmlAnswer, path: string | undefined): number | null {
  if (path === undefined) return null;
  const value = normaliseValue(atPath(answer.tree, path), answer.oversize);
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads one answer into records with positions. */
export function readPage(target: HttpTarget, answer: XmlAnswer, shape: PageShape): Page {
  const name = shape.records.split('.').at(-1) ?? 'record';
  const records = recordElements(target, answer, shape.records).map((raw) =>
    toPageRecord(raw, name, shape, answer.oversize),
  );
  return { records, totalPages: readTotalPages(answer, shape.totalPages) };
}
