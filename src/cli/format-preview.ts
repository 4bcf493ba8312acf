/**
 * Renders a mapping preview: for each record the source fields, the canonical fields and the
 * field errors, stacked and aligned; the source fields an error points at are marked ✗. Values
 * are printed (this is the officer's own terminal) but this text never goes to a log.
 */
import type { FieldError } from '../core/field-error.ts';
import type { MappedRecord, MappingPreview } from '../workflow/index.ts';
import { alignRows, clip, flatten, MARK, normalisePath } from './format-common.ts';

const VALUE_MAX = 100;

/** The preview as text. */
export function formatPreview(preview: MappingPreview): string {
  const from =
    preview.cursor === null ? 'the beginning' : `cursor ${JSON.stringify(preview.cursor)}`;
  const head = [
    `Preview of source ${preview.sourceId}, mapping version ${preview.mappingVersion}, from ${from}:`,
    '',
  ];
  const body = preview.records.flatMap((r, i) => formatRecord(r, i + 1));
  const more = preview.exhausted ? ' (no more records in the source)' : '';
  const foot = `${preview.records.length} record(s): ${preview.mapped} mapped, ${preview.rejected} rejected${more}.`;
  return [...head, ...body, foot].join('\n') + '\n';
}

/** One record: header, source fields, canonical fields (or errors). */
export function formatRecord(record: MappedRecord, n: number): string[] {
  const ok = record.canonical !== null;
  const state = ok
    ? `${MARK.ok} mapped`
    : `${MARK.failed} REJECTED (${record.errors.length} error(s))`;
  const marked = new Set(
    record.errors.flatMap((e) =>
      e.sourceField === undefined ? [] : [normalisePath(e.sourceField)],
    ),
  );
  const raw = flatten(record.raw).map(
    (l) =>
      [`${marked.has(l.path) ? MARK.failed : ' '} ${l.path}`, clip(l.value, VALUE_MAX)] as const,
  );
  const lines = [
    `── ${n}. ${record.sourceRecordId}  ${state}`,
    '  source record:',
    ...alignRows(raw, '    '),
  ];
  if (record.canonical !== null) {
    const canonical = flatten(record.canonical).map(
      (l) => [l.path, clip(l.value, VALUE_MAX)] as const,
    );
    lines.push('  canonical record:', ...alignRows(canonical, '    '));
  } else {
    lines.push('  errors:', ...record.errors.map(errorLine));
  }
  lines.push('');
  return lines;
}

function errorLine(e: FieldError): string {
  const from = e.sourceField === undefined ? '' : ` ← ${e.sourceField}`;
  const value = e.value === undefined ? '' : ` (value ${JSON.stringify(e.value)})`;
  return `    ${MARK.failed} ${e.field}${from}  ${e.code}: ${e.message}${value}`;
}
