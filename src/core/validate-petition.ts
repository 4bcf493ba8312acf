/**
 * Validates a mapped record against the canonical JSON Schema (ajv, with formats) and turns
 * ajv's errors into FieldErrors a provincial IT officer can read.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import type { FieldError, RecordResult } from './field-error.ts';
import { petitionSchema, type Petition } from './petition-schema.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile<Petition>(petitionSchema);

/** "/petitioners/0/name" → "petitioners[0].name" */
function toFieldPath(pointer: string, missing?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (missing !== undefined) parts.push(missing);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function toFieldError(e: ErrorObject): FieldError {
  const missing = e.keyword === 'required' ? String(e.params['missingProperty']) : undefined;
  const field = toFieldPath(e.instancePath, missing) || '(record)';
  if (missing !== undefined) {
    return {
      field,
      code: 'KNTC_RECORD_FIELD_MISSING',
      message: `Required field ${field} is missing`,
    };
  }
  return {
    field,
    code: 'KNTC_RECORD_SCHEMA',
    message: `Field ${field} ${e.message ?? 'is invalid'}`,
  };
}

/** Checks a record against the canonical schema. */
export function validatePetition(record: unknown): RecordResult<Petition> {
  if (validate(record)) return { ok: true, value: record };
  return { ok: false, errors: (validate.errors ?? []).map(toFieldError) };
}
