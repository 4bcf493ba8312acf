/**
 * The config with every default filled in and the connection target resolved from the config
 * and the secrets. The hub's config loader may or may not have applied the schema defaults; the
 * adapter does not depend on it. The password lives only in `SqlTarget.password`: never in a
 * log line, an error message or a cursor.
 */
import { HubError } from '../../src/lib/errors.ts';
import { requireSecret } from '../shared/secrets.ts';
import { cleanQuery } from './query.ts';
import { SQL_DEFAULTS, type KeyType, type SqlConfig, type WatermarkType } from './config-schema.ts';

/** Where and how to connect. */
export interface SqlTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string | null;
  readonly sslmode: 'disable' | 'require' | 'verify-ca' | 'verify-full';
  readonly connectTimeoutMs: number;
}

/** A sql config with defaults filled in and its connection resolved. */
export interface SqlSettings {
  readonly sourceId: string;
  readonly target: SqlTarget;
  readonly query: string;
  readonly watermark: { readonly column: string; readonly type: WatermarkType };
  readonly key: { readonly column: string; readonly type: KeyType };
  readonly timeZone: string;
  readonly pageSize: number;
  readonly statementTimeoutMs: number;
  readonly lookback: number;
  readonly maxPages: number;
}

/** "host:port/database": where the source lives, without user or password, for messages. */
export function describeTarget(target: SqlTarget): string {
  return `${target.host}:${target.port}/${target.database}`;
}

/** Fills the defaults and resolves the connection; throws KNTC_CONFIG_INVALID on a missing secret. */
export function resolveSettings(
  sourceId: string,
  config: SqlConfig,
  secrets: Readonly<Record<string, string>>,
): SqlSettings {
  return {
    sourceId,
    target: resolveTarget(sourceId, config.connection, secrets),
    query: cleanQueryOrThrow(sourceId, config.query),
    watermark: config.watermark,
    key: { column: config.key.column, type: config.key.type ?? SQL_DEFAULTS.keyType },
    timeZone: config.timeZone ?? SQL_DEFAULTS.timeZone,
    pageSize: config.pageSize ?? SQL_DEFAULTS.pageSize,
    statementTimeoutMs: config.statementTimeoutMs ?? SQL_DEFAULTS.statementTimeoutMs,
    lookback: config.lookback ?? SQL_DEFAULTS.lookback,
    maxPages: config.maxPages ?? SQL_DEFAULTS.maxPages,
  };
}

function cleanQueryOrThrow(sourceId: string, query: string): string {
  const clean = cleanQuery(query);
  if (clean !== null) return clean;
  throw new HubError(
    'KNTC_CONFIG_INVALID',
    `source "${sourceId}": the query holds more than one statement (a ";" before its end)`,
    {
      hint: 'Write one SELECT without ";" (a trailing one is allowed); put complex logic in a view on the source database.',
      details: { sourceId },
    },
  );
}

function resolveTarget(
  sourceId: string,
  connection: SqlConfig['connection'],
  secrets: Readonly<Record<string, string>>,
): SqlTarget {
  const connectTimeoutMs = connection.connectTimeoutMs ?? SQL_DEFAULTS.connectTimeoutMs;
  const secret = (envName: string, field: string): string =>
    requireSecret(sourceId, envName, secrets, `connection.${field}`);
  if ('urlSecretEnv' in connection) {
    const url = secret(connection.urlSecretEnv, 'urlSecretEnv');
    return {
      ...parseUrl(sourceId, connection.urlSecretEnv, url),
      sslmode: connection.sslmode,
      connectTimeoutMs,
    };
  }
  const envName = connection.passwordSecretEnv;
  const password = envName === undefined ? null : secret(envName, 'passwordSecretEnv');
  return {
    host: connection.host,
    port: connection.port ?? SQL_DEFAULTS.port,
    database: connection.database,
    user: connection.user,
    password,
    sslmode: connection.sslmode,
    connectTimeoutMs,
  };
}

/**
 * Reads postgres://user:password@host:port/database. Query parameters are ignored on purpose:
 * sslmode comes from the config, so a URL cannot silently turn certificate checks off.
 */
function parseUrl(
  sourceId: string,
  envName: string,
  text: string,
): Omit<SqlTarget, 'sslmode' | 'connectTimeoutMs'> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUrl(sourceId, envName, 'it is not a URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw badUrl(sourceId, envName, 'it does not start with postgres://');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  if (url.hostname === '' || database === '' || user === '') {
    throw badUrl(sourceId, envName, 'host, user and database are all required');
  }
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? SQL_DEFAULTS.port : Number(url.port),
    database,
    user,
    password: url.password === '' ? null : decodeURIComponent(url.password),
  };
}

function badUrl(sourceId: string, envName: string, why: string): HubError {
  return new HubError(
    'KNTC_CONFIG_INVALID',
    `source "${sourceId}": the variable ${envName} does not hold a usable database URL (${why})`,
    {
      hint: `Set ${envName} to postgres://user:password@host:5432/database (percent-encode special characters in the password).`,
      details: { sourceId, variable: envName },
    },
  );
}
