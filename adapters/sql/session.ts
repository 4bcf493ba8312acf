/**
 * One connection to a source database for one pull or check. The adapter is called once per
 * run, so it opens a single client (no pool to leak between runs) and the caller ends it in a
 * `finally`. The session is set up once: statement timeout, time zone, ISO dates, read-only by
 * default; each statement then runs in its own `BEGIN READ ONLY` transaction, so no snapshot is
 * held open on the source while the hub commits a page. The stop signal ends the connection,
 * which aborts a statement in flight.
 */
import type { FieldDef } from 'pg';
import pg from 'pg';
import type { AdapterContext } from '../contract.ts';
import { connectError, queryError, type ErrorTarget } from './pg-errors.ts';
import type { BoundQuery } from './query.ts';
import { cleanQuery } from './query.ts';
import { describeTarget, type SqlSettings, type SqlTarget } from './settings.ts';
import { sourceTypes } from './values.ts';

/** The rows and column descriptions of one statement. */
export interface StatementResult {
  readonly rows: readonly Record<string, unknown>[];
  readonly fields: readonly FieldDef[];
}

/** An open, configured connection. */
export interface SourceSession {
  /** Runs one statement in a read-only transaction; throws a classified HubError. */
  read(statement: BoundQuery): Promise<StatementResult>;
  /** Ends the connection; safe to call twice. */
  close(): Promise<void>;
}

/** Where errors say the statement went. */
export function errorTarget(settings: SqlSettings): ErrorTarget {
  return {
    sourceId: settings.sourceId,
    where: describeTarget(settings.target),
    statementTimeoutMs: settings.statementTimeoutMs,
    connectTimeoutMs: settings.target.connectTimeoutMs,
    queryLength: (cleanQuery(settings.query) ?? settings.query).length,
  };
}

function ssl(target: SqlTarget): pg.ClientConfig['ssl'] {
  switch (target.sslmode) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true };
    default: {
      const unknown: never = target.sslmode;
      throw new Error(`unknown sslmode ${String(unknown)}`);
    }
  }
}

function clientConfig(settings: SqlSettings): pg.ClientConfig {
  const { target } = settings;
  return {
    host: target.host,
    port: target.port,
    database: target.database,
    user: target.user,
    ...(target.password === null ? {} : { password: target.password }),
    ssl: ssl(target),
    connectionTimeoutMillis: target.connectTimeoutMs,
    application_name: `kntc-hub ${settings.sourceId}`.slice(0, 63),
    types: sourceTypes,
  };
}

/** Connects and sets the session up; throws a classified HubError (never the password). */
export async function openSession(
  ctx: AdapterContext<unknown>,
  settings: SqlSettings,
): Promise<SourceSession> {
  const target = errorTarget(settings);
  const client = new pg.Client(clientConfig(settings));
  // A connection dropped while idle between pages emits 'error'; the next statement reports it.
  client.on('error', () => undefined);
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    ctx.signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  };
  const onAbort = (): void => void close();
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await setUp(client, settings);
  } catch (err) {
    await close();
    throw stopped(ctx) ?? connectError(target, err);
  }
  return {
    close,
    read: async (statement) => {
      try {
        await client.query('BEGIN TRANSACTION READ ONLY');
        const result = await client.query<Record<string, unknown>>(statement.text, [
          ...statement.values,
        ]);
        await client.query('COMMIT');
        return { rows: result.rows, fields: result.fields };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw stopped(ctx) ?? queryError(target, err);
      }
    },
  };
}

/** Session settings: statement timeout, zone, ISO dates, read-only unless told otherwise. */
async function setUp(client: pg.Client, settings: SqlSettings): Promise<void> {
  await client.query(
    `SELECT set_config('statement_timeout', $1, false), set_config('TimeZone', $2, false),
              set_config('DateStyle', 'ISO, YMD', false), set_config('IntervalStyle', 'iso_8601', false),
              set_config('default_transaction_read_only', 'on', false)`,
    [String(settings.statementTimeoutMs), settings.timeZone],
  );
}

/** The stop signal's reason when the run was stopped (a stopped run is not a source failure). */
export function stopped(ctx: AdapterContext<unknown>): Error | null {
  if (!ctx.signal.aborted) return null;
  const reason: unknown = ctx.signal.reason;
  return reason instanceof Error ? reason : new Error('pull stopped', { cause: reason });
}
