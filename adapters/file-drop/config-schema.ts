/**
 * JSON Schema of a file-drop source's configuration: which folder the commune or department
 * drops its CSV/Excel exports into, where processed and failed files go, and how to read them.
 * The `FileDropConfig` type is derived from this schema, so the schema is the single source of
 * truth. Folders may be absolute or relative to the hub's working directory.
 */
import type { FromSchema } from 'json-schema-to-ts';
import { TEXT_ENCODINGS } from '../../src/lib/encodings/index.ts';

/** Defaults applied when a config omits the field (see settings.ts). */
export const FILE_DROP_DEFAULTS = {
  patterns: ['*.csv', '*.xlsx'],
  headerRow: 1,
  delimiter: 'auto',
  encoding: 'auto',
  sheet: 1,
  dates: 'dd/MM/yyyy',
  headerKeys: 'camelCase',
  batchSize: 500,
  maxFileBytes: 50 * 1024 * 1024,
  minAgeSeconds: 5,
  maxFilesPerRun: 50,
} as const;

const folder = { type: 'string', minLength: 1, maxLength: 1000 } as const;
const headerRow = {
  type: 'integer',
  minimum: 1,
  maximum: 1000,
  default: FILE_DROP_DEFAULTS.headerRow,
  description: '1-based row holding the column headers; rows above it (titles) are skipped.',
} as const;

/** The file-drop adapter's config schema (closed: unknown keys fail at load). */
export const fileDropConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['inbox'],
  properties: {
    inbox: { ...folder, description: 'Folder the unit drops its export files into.' },
    processedDir: { ...folder, description: 'Default: "processed" next to the inbox.' },
    failedDir: { ...folder, description: 'Default: "failed" next to the inbox.' },
    patterns: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: { type: 'string', pattern: '^[^/\\\\]+$', minLength: 1, maxLength: 100 },
      default: FILE_DROP_DEFAULTS.patterns,
      description:
        'File names to pick up (* and ? wildcards, case-insensitive). .xlsx is Excel; anything else is read as CSV.',
    },
    csv: {
      type: 'object',
      additionalProperties: false,
      properties: {
        delimiter: { enum: ['auto', ',', ';', '\t', '|'], default: FILE_DROP_DEFAULTS.delimiter },
        headerRow,
        encoding: {
          enum: ['auto', ...TEXT_ENCODINGS],
          default: FILE_DROP_DEFAULTS.encoding,
          description:
            'auto: byte-order mark, UTF-8, else the most plausible of windows-1258, tcvn3, vni.',
        },
      },
    },
    xlsx: {
      type: 'object',
      additionalProperties: false,
      properties: {
        sheet: {
          oneOf: [
            { type: 'integer', minimum: 1, maximum: 1000 },
            { type: 'string', minLength: 1, maxLength: 100 },
          ],
          default: FILE_DROP_DEFAULTS.sheet,
          description: 'Worksheet name, or its 1-based position.',
        },
        headerRow,
        dates: {
          enum: ['dd/MM/yyyy', 'iso'],
          default: FILE_DROP_DEFAULTS.dates,
          description:
            'How a date cell is handed to the mapping: "dd/MM/yyyy", or ISO "yyyy-MM-dd" (with "THH:mm:ss" when it has a time).',
        },
      },
    },
    headerKeys: {
      enum: ['camelCase', 'verbatim'],
      default: FILE_DROP_DEFAULTS.headerKeys,
      description:
        'camelCase: "Họ tên người gửi" → hoTenNguoiGui (mapping paths cannot hold spaces); verbatim: the header as written.',
    },
    idColumns: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: { type: 'string', minLength: 1, maxLength: 200 },
      description:
        'Column(s) holding the record id (header as written, or its key); several are joined with "/".',
    },
    batchSize: {
      type: 'integer',
      minimum: 1,
      maximum: 5000,
      default: FILE_DROP_DEFAULTS.batchSize,
    },
    maxFileBytes: {
      type: 'integer',
      minimum: 1,
      maximum: 1024 * 1024 * 1024,
      default: FILE_DROP_DEFAULTS.maxFileBytes,
    },
    minAgeSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 86_400,
      default: FILE_DROP_DEFAULTS.minAgeSeconds,
      description:
        'A file modified less than this long ago may still be being copied: left for the next run.',
    },
    maxFilesPerRun: {
      type: 'integer',
      minimum: 1,
      maximum: 1000,
      default: FILE_DROP_DEFAULTS.maxFilesPerRun,
    },
  },
} as const;

/** A file-drop source's config as written (defaulted fields may be absent). */
export type FileDropConfig = FromSchema<
  typeof fileDropConfigSchema,
  { keepDefaultedPropertiesOptional: true }
>;
