/**
 * The config with every default filled in and the folders resolved. processed/ and failed/
 * default to siblings of the inbox (inside the inbox's parent), so the inbox holds only files
 * still waiting.
 */
import path from 'node:path';
import type { TextEncoding } from '../../src/lib/encodings/index.ts';
import { FILE_DROP_DEFAULTS, type FileDropConfig } from './config-schema.ts';

/** A file-drop config with defaults applied and absolute folders. */
export interface FileDropSettings {
  readonly inbox: string;
  readonly processedDir: string;
  readonly failedDir: string;
  readonly patterns: readonly RegExp[];
  readonly csv: {
    readonly delimiter: 'auto' | ',' | ';' | '\t' | '|';
    readonly headerRow: number;
    readonly encoding: TextEncoding | 'auto';
  };
  readonly xlsx: {
    readonly sheet: number | string;
    readonly headerRow: number;
    readonly dates: 'dd/MM/yyyy' | 'iso';
  };
  readonly headerKeys: 'camelCase' | 'verbatim';
  readonly idColumns: readonly string[];
  readonly batchSize: number;
  readonly maxFileBytes: number;
  readonly minAgeSeconds: number;
  readonly maxFilesPerRun: number;
}

/** Turns a "*.csv" pattern into a case-insensitive regular expression on the whole name. */
export function patternToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'iu');
}

/** Fills the defaults and resolves the folders. */
export function resolveSettings(config: FileDropConfig): FileDropSettings {
  const inbox = path.resolve(config.inbox);
  const parent = path.dirname(inbox);
  const d = FILE_DROP_DEFAULTS;
  return {
    inbox,
    processedDir: path.resolve(config.processedDir ?? path.join(parent, 'processed')),
    failedDir: path.resolve(config.failedDir ?? path.join(parent, 'failed')),
    patterns: (config.patterns ?? d.patterns).map(patternToRegExp),
    csv: {
      delimiter: config.csv?.delimiter ?? d.delimiter,
      headerRow: config.csv?.headerRow ?? d.headerRow,
      encoding: config.csv?.encoding ?? d.encoding,
    },
    xlsx: {
      sheet: config.xlsx?.sheet ?? d.sheet,
      headerRow: config.xlsx?.headerRow ?? d.headerRow,
      dates: config.xlsx?.dates ?? d.dates,
    },
    headerKeys: config.headerKeys ?? d.headerKeys,
    idColumns: config.idColumns ?? [],
    batchSize: config.batchSize ?? d.batchSize,
    maxFileBytes: config.maxFileBytes ?? d.maxFileBytes,
    minAgeSeconds: config.minAgeSeconds ?? d.minAgeSeconds,
    maxFilesPerRun: config.maxFilesPerRun ?? d.maxFilesPerRun,
  };
}
