/**
 * Turns a mapping file into a CompiledMapping: YAML → closed-vocabulary check (JSON Schema) →
 * target paths, codes and transforms checked against the canonical schema → closures. Every
 * problem of the file is reported at once, each with its line, before any record is mapped.
 */
import { PETITION_SCHEMA_VERSION, petitionSchema } from '../core/petition-schema.ts';
import type { FieldError } from '../core/field-error.ts';
import { TargetClaims, type CompileContext } from './compile-context.ts';
import { compileFieldMap } from './compile-rule.ts';
import { validateMappingShape } from './mapping-schema.ts';
import { missingError, notARecordError } from './record-errors.ts';
import { defectErrors } from './source-defects.ts';
import { compileSourcePath } from './source-path.ts';
import type { SchemaNode } from './target-schema.ts';
import { scalarText } from './transforms/index.ts';
import type { CompiledMapping, FieldRun, MappingSpec } from './types.ts';
import {
  invalidMapping,
  parseMappingYaml,
  schemaProblems,
  type MappingSource,
} from './yaml-source.ts';

/** Target paths the engine sets on every record; a mapping may not write them. */
const RESERVED = new Set([
  'schemaVersion',
  'provenance.source',
  'provenance.sourceRecordId',
  'provenance.mappingVersion',
]);

function checkedSpec(src: MappingSource): MappingSpec {
  if (!validateMappingShape(src.data)) {
    throw invalidMapping(src.fileName, schemaProblems(src, validateMappingShape.errors ?? []));
  }
  const unquoted = src.unquotedLookupKeys();
  if (unquoted.length > 0) throw invalidMapping(src.fileName, unquoted);
  return src.data;
}

function compileFields(spec: MappingSpec, src: MappingSource, target: SchemaNode): FieldRun[] {
  const ctx: CompileContext = {
    src,
    problems: [],
    lookups: spec.lookups ?? {},
    unknownCode: spec.unknownCode ?? 'reject',
    reserved: RESERVED,
    checkedLookups: new Set(),
  };
  const runs = compileFieldMap(spec.fields, target, ['fields'], ctx, TargetClaims.root());
  if (ctx.problems.length > 0) throw invalidMapping(src.fileName, ctx.problems);
  return runs;
}

function keyReader(path: string): (raw: unknown) => string | null {
  const key = compileSourcePath(path);
  return (raw) => {
    const s = scalarText(key.get(raw))?.trim();
    return s === undefined || s === '' ? null : s;
  };
}

/** Compiles mapping YAML; throws HubError KNTC_MAPPING_INVALID naming file, line and key. */
export function compileMapping(yamlText: string, fileName: string): CompiledMapping {
  const src = parseMappingYaml(yamlText, fileName);
  const spec = checkedSpec(src);
  const runs = compileFields(spec, src, petitionSchema);
  const recordKey = keyReader(spec.record.key);
  const keyDisplay = compileSourcePath(spec.record.key).display;
  const { source, version } = spec;
  return {
    source,
    version,
    recordKey,
    map(raw, ctx) {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        return { ok: false, errors: [notARecordError(raw)] };
      }
      const errors: FieldError[] = defectErrors(raw);
      const out: Record<string, unknown> = { schemaVersion: PETITION_SCHEMA_VERSION };
      const id = recordKey(raw);
      if (id === null)
        errors.push(missingError('provenance.sourceRecordId', keyDisplay, undefined));
      for (const run of runs) run(raw, out, errors, '', '');
      if (errors.length > 0) return { ok: false, errors };
      const extra = out['provenance'] as Record<string, unknown> | undefined;
      out['provenance'] = {
        ...extra,
        source: ctx.sourceId,
        sourceRecordId: id,
        mappingVersion: version,
      };
      return { ok: true, value: out };
    },
  };
}
