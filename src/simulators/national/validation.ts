/**
 * Validation of submission bodies with ajv (JSON Schema 2020-12, with formats): the case
 * envelope, the stage envelope and each stage's data. ajv errors become the national
 * `fieldErrors`, which name the field and what is wrong but never echo the value.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { BATCH_MAX_ITEMS, type NationalFieldError } from '../../national/contract.ts';
import {
  STAGE_SCHEMAS,
  nationalCaseSchema,
  type LaterStage,
} from '../../national/national-case-schema.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext resolution.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const { $id: _id, ...caseSchema } = nationalCaseSchema;

const submissionKey = { type: 'string', minLength: 1, maxLength: 200 } as const;

/** Body of POST /api/v1/cases and PUT /api/v1/cases/{id}. */
export const caseEnvelopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['submissionKey', 'case'],
  properties: { submissionKey, case: caseSchema },
} as const;

/** Body of POST /api/v1/cases/{id}/stages/{stage}; `data` is checked against the stage's schema. */
export const stageEnvelopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['submissionKey', 'data'],
  properties: { submissionKey, data: { type: 'object' } },
} as const;

const nationalCaseId = { type: 'string', minLength: 1, maxLength: 64 } as const;

/** One batch item of each operation (documentation; items are checked one by one). */
const batchItemSchemas = [
  {
    type: 'object',
    additionalProperties: false,
    required: ['operation', 'submissionKey', 'case'],
    properties: { operation: { const: 'create' }, submissionKey, case: caseSchema },
  },
  {
    type: 'object',
    additionalProperties: false,
    required: ['operation', 'submissionKey', 'nationalCaseId', 'case'],
    properties: { operation: { const: 'update' }, submissionKey, nationalCaseId, case: caseSchema },
  },
  {
    type: 'object',
    additionalProperties: false,
    required: ['operation', 'submissionKey', 'nationalCaseId', 'stage', 'data'],
    properties: {
      operation: { const: 'stage' },
      submissionKey,
      nationalCaseId,
      stage: { type: 'integer', enum: [2, 3, 4, 5] },
      data: { type: 'object' },
    },
  },
] as const;

/** Body of POST /api/v1/cases/batch, as documented. */
export const batchEnvelopeSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: BATCH_MAX_ITEMS,
      items: { oneOf: batchItemSchemas },
    },
  },
} as const;

/**
 * What the batch route checks of the whole body: a list of 1 to BATCH_MAX_ITEMS objects. Each
 * item is then checked on its own, so one bad item does not sink the batch.
 */
const batchShellSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    items: { type: 'array', minItems: 1, maxItems: BATCH_MAX_ITEMS, items: { type: 'object' } },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);

/** Validates a case envelope. */
export const validateCaseEnvelope: ValidateFunction = ajv.compile(caseEnvelopeSchema);
/** Validates a stage envelope. */
export const validateStageEnvelope: ValidateFunction = ajv.compile(stageEnvelopeSchema);
/** Validates the shell of a batch body (its items are validated one by one). */
export const validateBatchShell: ValidateFunction = ajv.compile(batchShellSchema);
const stageValidators = {
  2: ajv.compile(STAGE_SCHEMAS[2]),
  3: ajv.compile(STAGE_SCHEMAS[3]),
  4: ajv.compile(STAGE_SCHEMAS[4]),
  5: ajv.compile(STAGE_SCHEMAS[5]),
} satisfies Record<LaterStage, ValidateFunction>;

/** "/case/nguoiDungDon/0/hoTen" → "case.nguoiDungDon[0].hoTen" */
function toFieldPath(pointer: string, extra?: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (extra !== undefined) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** The part of an ajv error (or Fastify's copy of one) the field errors are built from. */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly params: Record<string, unknown>;
  readonly message?: string | undefined;
}

function toFieldError(e: SchemaError, prefix: string): NationalFieldError {
  const missing = e.keyword === 'required' ? String(e.params['missingProperty']) : undefined;
  const extra =
    e.keyword === 'additionalProperties' ? String(e.params['additionalProperty']) : undefined;
  const path = toFieldPath(prefix + e.instancePath, missing ?? extra) || '(body)';
  if (missing !== undefined) return { field: path, message: 'is required' };
  if (extra !== undefined) return { field: path, message: 'is not a field of this contract' };
  return { field: path, message: e.message ?? 'is invalid' };
}

/** ajv errors → national field errors; `prefix` is a JSON pointer prepended to each path. */
export function toFieldErrors(
  errors: readonly SchemaError[] | null | undefined,
  prefix = '',
): NationalFieldError[] {
  return (errors ?? []).map((e) => toFieldError(e, prefix));
}

/** Validates the data of a later stage; null when valid. */
export function validateStageData(stage: LaterStage, data: unknown): NationalFieldError[] | null {
  const validate = stageValidators[stage];
  return validate(data) ? null : toFieldErrors(validate.errors, '/data');
}
