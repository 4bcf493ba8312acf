/**
 * The hub's pino logger. Petitioner identity never reaches a log line: the redaction paths
 * below cover every place a canonical or raw record could be logged, and code logs ids only.
 */
import { pino, type Logger, type LoggerOptions } from 'pino';

/** Paths pino replaces with "[redacted]": names, identity numbers, birth data, addresses, phones. */
export const REDACT_PATHS = [
  '*.petitioners',
  '*.nguoiGui',
  'petitioners',
  'petition',
  'record',
  'payload',
  'raw',
  '*.name',
  '*.hoTen',
  '*.idNumber',
  '*.idDocument',
  '*.soCCCD',
  '*.phone',
  '*.dienThoai',
  '*.address',
  '*.diaChi',
  '*.birthDate',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  '*.password',
  '*.secret',
];

/** Builds the root logger; children carry source id, run id and request id. */
export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { app: 'kntc-hub' },
  };
  if (options.pretty) {
    return pino({
      ...opts,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } },
    });
  }
  return pino(opts);
}

export type { Logger };
