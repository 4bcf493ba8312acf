/**
 * Process settings from environment variables: where PostgreSQL, Redis and the deployment file
 * are, and where the API listens. Parsed once by the composition root; everything else receives
 * the frozen result and never reads process.env.
 */
import path from 'node:path';
import { HubError } from '../lib/errors.ts';
import { SecretKey } from '../lib/secret-box.ts';

/** Default folder of console file-drop sources' folders, relative to the working directory. */
export const DEFAULT_DROP_ROOT = 'data/inbox';

/** Prefix of the environment variables that may hold console sources' secrets (fallback). */
export const SOURCE_SECRET_ENV_PREFIX = 'KNTC_SRC_';

/** The hub's process settings. */
export interface Settings {
  readonly databaseUrl: string;
  /** PostgreSQL schema holding the hub's tables. */
  readonly databaseSchema: string;
  readonly redisUrl: string;
  /** BullMQ key prefix, so several hubs (or tests) can share one Redis. */
  readonly queuePrefix: string;
  readonly configPath: string;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  readonly logPretty: boolean;
  /** Secure attribute of the session cookie: true behind HTTPS, false for plain HTTP, or auto. */
  readonly cookieSecure?: boolean | 'auto';
  /** Key sealing the secrets entered in the sources console; absent: the console stores none. */
  readonly secretsKey?: SecretKey;
  /**
   * A console source's secret from the environment (KNTC_SRC_* variables only), used when the
   * encrypted store has none. A function, so the values never show in a serialised Settings.
   */
  readonly sourceSecretEnv?: (name: string) => string | undefined;
  /**
   * Absolute folder that every folder of a file-drop source created in the sources console must
   * be inside (deployment-file sources are not limited).
   */
  readonly dropRoot?: string;
}

/** Every setting with its environment variable and default, for the README and `--help`. */
export const SETTINGS_DOC = [
  ['DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/kntc_hub', 'PostgreSQL connection URL'],
  ['DATABASE_SCHEMA', 'public', 'PostgreSQL schema of the hub tables'],
  ['REDIS_URL', 'redis://127.0.0.1:6379', 'Redis connection URL (BullMQ queues)'],
  ['KNTC_QUEUE_PREFIX', 'kntc', 'BullMQ key prefix in Redis'],
  ['KNTC_CONFIG', 'config/hub.yaml', 'deployment file: sources, schedules, national endpoint'],
  ['HOST', '127.0.0.1', 'address the HTTP API listens on'],
  ['PORT', '3000', 'port the HTTP API listens on'],
  ['LOG_LEVEL', 'info', 'pino log level (fatal, error, warn, info, debug, trace)'],
  ['LOG_PRETTY', 'false in production, true for the demo', 'human-readable logs instead of JSON'],
  ['KNTC_COOKIE_SECURE', 'auto', 'session cookie Secure flag: true behind HTTPS, false, or auto'],
  [
    'KNTC_SECRETS_KEY',
    'none (the demo makes data/demo/secrets.key)',
    'base64 of 32 bytes sealing secrets entered in the sources console (openssl rand -base64 32)',
  ],
  [
    'KNTC_DROP_ROOT',
    DEFAULT_DROP_ROOT,
    'folder holding the inbox, processed and failed folders of file-drop sources made in the console',
  ],
] as const;

type Env = Readonly<Record<string, string | undefined>>;

function get(env: Env, name: (typeof SETTINGS_DOC)[number][0], fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

/** Reads and checks the settings; throws KNTC_CONFIG_INVALID naming the bad variable. */
export function readSettings(
  env: Env,
  defaults: { configPath?: string; pretty?: boolean } = {},
): Settings {
  const port = Number(get(env, 'PORT', '3000'));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `PORT must be a port number 0–65535, got "${env['PORT']}"`,
    );
  }
  const schema = get(env, 'DATABASE_SCHEMA', 'public');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new HubError(
      'KNTC_CONFIG_INVALID',
      `DATABASE_SCHEMA must be a lower-case SQL identifier, got "${schema}"`,
    );
  }
  const pretty = env['LOG_PRETTY'];
  return Object.freeze({
    databaseUrl: get(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/kntc_hub'),
    databaseSchema: schema,
    redisUrl: get(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
    queuePrefix: get(env, 'KNTC_QUEUE_PREFIX', 'kntc'),
    configPath: get(env, 'KNTC_CONFIG', defaults.configPath ?? 'config/hub.yaml'),
    host: get(env, 'HOST', '127.0.0.1'),
    port,
    logLevel: get(env, 'LOG_LEVEL', 'info'),
    logPretty:
      pretty === undefined ? (defaults.pretty ?? false) : pretty === 'true' || pretty === '1',
    cookieSecure: cookieSecure(get(env, 'KNTC_COOKIE_SECURE', 'auto')),
    dropRoot: path.resolve(get(env, 'KNTC_DROP_ROOT', DEFAULT_DROP_ROOT)),
    ...secretsSettings(env),
  });
}

/** The secrets key (when set) and the KNTC_SRC_* fallback lookup. */
function secretsSettings(env: Env): Pick<Settings, 'secretsKey' | 'sourceSecretEnv'> {
  const text = get(env, 'KNTC_SECRETS_KEY', '');
  const fallback = new Map(
    Object.entries(env).filter(
      (e): e is [string, string] =>
        e[0].startsWith(SOURCE_SECRET_ENV_PREFIX) && e[1] !== undefined && e[1] !== '',
    ),
  );
  return {
    ...(text === '' ? {} : { secretsKey: SecretKey.fromBase64(text) }),
    sourceSecretEnv: (name) => fallback.get(name),
  };
}

/** A URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function cookieSecure(v: string): boolean | 'auto' {
  if (v === 'auto') return 'auto';
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new HubError(
    'KNTC_CONFIG_INVALID',
    `KNTC_COOKIE_SECURE must be true, false or auto, got "${v}"`,
  );
}
