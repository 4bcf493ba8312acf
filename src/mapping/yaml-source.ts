/**
 * Reads a mapping file's YAML and keeps its syntax tree, so every load error can name the
 * line of the key at fault. Also turns the JSON Schema check's errors into such lines.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';
import { HubError } from '../lib/errors.ts';

/** One thing wrong with a mapping file. */
export interface MappingProblem {
  readonly line: number;
  /** The key at fault as a dotted path ("fields.receipt.receivedAt.form"). */
  readonly key: string;
  readonly message: string;
}

/** A parsed mapping file: its data and a way to find the line of any key in it. */
export interface MappingSource {
  readonly fileName: string;
  readonly data: unknown;
  /** 1-based line of the key (or list item) at `path`; the nearest existing parent otherwise. */
  lineOf(path: readonly (string | number)[]): number;
  /** Lookup keys YAML read as numbers or booleans (01 → 1): they must be quoted. */
  unquotedLookupKeys(): MappingProblem[];
}

/** The HubError for a list of problems in one file. */
export function invalidMapping(fileName: string, problems: readonly MappingProblem[]): HubError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const first = sorted[0];
  const lines = sorted.map((p) => `${fileName}:${p.line} (key ${p.key}): ${p.message}`);
  return new HubError('KNTC_MAPPING_INVALID', `Mapping file is invalid — ${lines.join('; ')}`, {
    details: {
      file: fileName,
      line: first?.line ?? null,
      key: first?.key ?? null,
      problems: problems.length,
    },
  });
}

function lineFinder(doc: Document, lc: LineCounter) {
  const lineAt = (offset: number | undefined): number => lc.linePos(offset ?? 0).line;
  return (path: readonly (string | number)[]): number => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (pair === undefined) return line;
        line = lineAt((pair.key as Node).range?.[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (item === undefined) return line;
        line = lineAt(item.range?.[0]);
        node = item;
      } else return line;
    }
    return line;
  };
}

function unquotedKeys(doc: Document, lineOf: (p: readonly (string | number)[]) => number) {
  return (): MappingProblem[] => {
    const lookups = doc.get('lookups', true);
    if (!isMap(lookups)) return [];
    const out: MappingProblem[] = [];
    for (const table of lookups.items) {
      if (!isMap(table.value) || !isScalar(table.key)) continue;
      for (const entry of table.value.items) {
        if (!isScalar(entry.key) || typeof entry.key.value === 'string') continue;
        const written = entry.key.source ?? String(entry.key.value);
        const path = ['lookups', String(table.key.value), String(entry.key.value)];
        out.push({
          line: lineOf(path),
          key: `lookups.${String(table.key.value)}.${written}`,
          message: `code ${written} must be quoted ("${written}") so it is read as text, not as ${typeof entry.key.value}`,
        });
      }
    }
    return out;
  };
}

/** Parses YAML text; throws KNTC_MAPPING_INVALID with file and line on a syntax error. */
export function parseMappingYaml(text: string, fileName: string): MappingSource {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw invalidMapping(
      fileName,
      doc.errors.map((e) => ({
        line: e.linePos?.[0].line ?? 1,
        key: '(yaml)',
        message: `not valid YAML: ${e.message.split('\n')[0] ?? e.code}`,
      })),
    );
  }
  const lineOf = lineFinder(doc, lc);
  return { fileName, data: doc.toJS(), lineOf, unquotedLookupKeys: unquotedKeys(doc, lineOf) };
}

function decodePointer(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/gu, '/').replace(/~0/gu, '~'));
}

function describe(
  e: ErrorObject,
  path: (string | number)[],
): { path: (string | number)[]; message: string } {
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)
        ?.properties;
      const allowed =
        props === undefined ? '' : ` (allowed keys: ${Object.keys(props).join(', ')})`;
      return { path: [...path, key], message: `unknown key "${key}"${allowed}` };
    }
    case 'propertyNames':
      return { path: [...path, String(e.params['propertyName'])], message: 'is not a valid name' };
    case 'enum': {
      const allowed = (e.params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? '';
      return { path, message: `must be one of: ${allowed}` };
    }
    case 'oneOf':
      return { path, message: 'has the wrong form (see mappings/README.md for this key)' };
    default:
      return { path, message: e.message ?? 'is not valid' };
  }
}

/** Turns JSON Schema errors into problems with lines, one per key (noise of oneOf branches dropped). */
export function schemaProblems(
  src: MappingSource,
  errors: readonly ErrorObject[],
): MappingProblem[] {
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const seen = new Set<string>();
  const out: MappingProblem[] = [];
  for (const e of errors) {
    const inOneOf = [...oneOfAt].some((p) => e.instancePath.startsWith(p));
    if (e.keyword !== 'oneOf' && inOneOf) continue;
    const { path, message } = describe(e, decodePointer(e.instancePath));
    const p: MappingProblem = { line: src.lineOf(path), key: path.join('.') || '(file)', message };
    const id = `${p.line}|${p.key}|${p.message}`;
    if (!seen.has(id)) out.push(p);
    seen.add(id);
  }
  return out;
}
