/**
 * Checks what the sources console's create/edit form submitted, every field at once, and says
 * per field what to enter instead: the id (pattern, not taken by the deployment file or another
 * console source), name, adapter kind, mapping file (under mappings/, and it must load), cron
 * schedule, the adapter config against the adapter's JSON Schema, and the secrets (each secret
 * field needs a value, and storing one needs the secrets key). Secret values are never echoed.
 */
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';
import { HubError } from '../lib/errors.ts';
import { SECRETS_KEY_HINT } from '../lib/secret-box.ts';
import { SCHEDULE_TZ } from '../scheduler/catch-up.ts';
import type { DefinitionFields } from '../store/source-definitions-repo.ts';
import { configProblems } from './config-problems.ts';
import type { DraftProblem, SourceDraft } from './console-contract.ts';
import {
  getPath,
  isObject,
  isSecretKey,
  secretNameFor,
  secretPaths,
  withSecretNames,
} from './secret-fields.ts';

/** Same rule as the deployment file and the `sources` table. */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
const NAME_MAX = 200;
const SECRET_MAX = 8192;

/** What a draft is checked against. */
export interface DraftContext {
  /** Config JSON Schema of each adapter kind. */
  readonly adapterSchemas: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Mapping files a source may use ("mappings/x.yaml"). */
  readonly mappingFiles: readonly string[];
  /** Loads a mapping file (relative path); throws HubError when it does not compile. */
  readonly loadMapping: (relativePath: string) => Promise<unknown>;
  readonly fileSourceIds: ReadonlySet<string>;
  readonly consoleSourceIds: ReadonlySet<string>;
  /** 'create', or the id of the console source being edited. */
  readonly editing: string | null;
  /** Names of the secrets already stored for the source being edited. */
  readonly storedSecrets: ReadonlySet<string>;
  readonly canStoreSecrets: boolean;
  /** A KNTC_SRC_* environment variable's value, the fallback when nothing is stored. */
  readonly envSecret: (name: string) => string | undefined;
}

/** A draft that passed: what to store, and the new secret values by secret name. */
export interface CheckedDraft {
  readonly fields: DefinitionFields;
  /** Dotted paths of the config's secret fields. */
  readonly secretPaths: readonly string[];
  /** New values to seal, by secret name (KNTC_SRC_…), with the path each came from. */
  readonly newSecrets: readonly { path: string; name: string; value: string }[];
}

/** The checked draft, or every problem found. */
export type DraftCheck =
  | { readonly ok: true; readonly draft: CheckedDraft }
  | { readonly ok: false; readonly problems: readonly DraftProblem[] };

/** Checks a draft completely; never throws for a problem of the draft. */
export async function checkDraft(draft: SourceDraft, ctx: DraftContext): Promise<DraftCheck> {
  const problems: DraftProblem[] = [
    ...idProblems(draft.id, ctx),
    ...nameProblems(draft.name),
    ...(await mappingProblems(draft.mapping, ctx)),
  ];
  const schedule = normaliseSchedule(draft.schedule);
  problems.push(...scheduleProblems(schedule));
  const schema = ctx.adapterSchemas[draft.adapter];
  if (schema === undefined) {
    problems.push({
      field: 'adapter',
      message: `Choose an adapter kind: ${Object.keys(ctx.adapterSchemas).join(', ')}.`,
    });
  }
  if (!isObject(draft.config)) {
    problems.push({ field: 'config', message: 'Enter the adapter settings.' });
  }
  if (schema === undefined || !isObject(draft.config)) return { ok: false, problems };
  const entered = (path: string): boolean => (draft.secrets[path] ?? '') !== '';
  const stored = (path: string): boolean => ctx.storedSecrets.has(secretNameFor(draft.id, path));
  const paths = secretPaths(schema, draft.config, (p) => entered(p) || stored(p));
  const config = withSecretNames(draft.id, draft.config, paths);
  problems.push(...configProblems(schema, config));
  problems.push(...secretProblems(draft, paths, ctx));
  if (problems.length > 0) return { ok: false, problems };
  const fields = {
    id: draft.id,
    name: draft.name.trim(),
    adapter: draft.adapter,
    mapping: draft.mapping,
    schedule,
    enabled: draft.enabled,
    config,
  };
  const newSecrets = paths.filter(entered).map((path) => ({
    path,
    name: secretNameFor(draft.id, path),
    value: draft.secrets[path] ?? '',
  }));
  return { ok: true, draft: { fields, secretPaths: paths, newSecrets } };
}

function idProblems(id: string, ctx: DraftContext): DraftProblem[] {
  if (ctx.editing !== null) {
    return id === ctx.editing
      ? []
      : [{ field: 'id', message: `The id of a source cannot be changed: keep "${ctx.editing}".` }];
  }
  if (!SOURCE_ID_PATTERN.test(id)) {
    return [
      {
        field: 'id',
        message:
          'Enter 2–63 characters: lower-case letters a–z, digits and hyphens, starting with a letter or digit (e.g. phuong-ghenh-rang).',
      },
    ];
  }
  if (ctx.fileSourceIds.has(id))
    return [
      {
        field: 'id',
        message: `"${id}" is already a source of the deployment file: choose another id.`,
      },
    ];
  if (ctx.consoleSourceIds.has(id))
    return [{ field: 'id', message: `A source "${id}" already exists: choose another id.` }];
  return [];
}

function nameProblems(name: string): DraftProblem[] {
  const n = name.trim();
  if (n === '')
    return [
      {
        field: 'name',
        message: 'Enter the name of the local system (e.g. "Sổ đơn thư phường Ghềnh Ráng").',
      },
    ];
  if (n.length > NAME_MAX)
    return [{ field: 'name', message: `Enter at most ${NAME_MAX} characters.` }];
  return [];
}

async function mappingProblems(mapping: string, ctx: DraftContext): Promise<DraftProblem[]> {
  if (!ctx.mappingFiles.includes(mapping)) {
    const known = ctx.mappingFiles.join(', ') || 'none found';
    return [
      {
        field: 'mapping',
        message: `Choose one of the mapping files under mappings/ (${known}); to add one, follow docs/onboarding.md.`,
      },
    ];
  }
  try {
    await ctx.loadMapping(mapping);
    return [];
  } catch (err) {
    const detail = err instanceof HubError ? err.message : String(err);
    return [
      {
        field: 'mapping',
        message: `${detail}. Fix the mapping file (check it with \`kntc-hub mapping check\`) or choose another.`,
      },
    ];
  }
}

/** A schedule as stored: trimmed, null when empty. */
export function normaliseSchedule(schedule: string | null): string | null {
  const s = schedule?.trim() ?? '';
  return s === '' ? null : s;
}

function scheduleProblems(schedule: string | null): DraftProblem[] {
  if (schedule === null) return [];
  let reason = '';
  try {
    CronExpressionParser.parse(schedule, { tz: SCHEDULE_TZ });
    if (!cron.validate(schedule)) reason = 'the scheduler does not accept it';
  } catch (err) {
    reason = err instanceof Error ? err.message : String(err);
  }
  if (reason === '') return [];
  return [
    {
      field: 'schedule',
      message: `This is not a cron expression (${reason}). Enter five fields — minute, hour, day of month, month, day of week, in Vietnam time — e.g. "*/15 6-20 * * 1-6" (every 15 minutes from 6:00 to 20:59, Monday to Saturday), or leave it empty to pull only on demand.`,
    },
  ];
}

function secretProblems(
  draft: SourceDraft,
  paths: readonly string[],
  ctx: DraftContext,
): DraftProblem[] {
  const out: DraftProblem[] = [];
  for (const [path, value] of Object.entries(draft.secrets)) {
    if (value === '') continue;
    const field = `config.${path}`;
    if (!paths.includes(path))
      out.push({ field, message: 'This setting is not a secret of this config: leave it empty.' });
    else if (!ctx.canStoreSecrets)
      out.push({
        field,
        message: `The hub has no secrets key, so it cannot store secrets. ${SECRETS_KEY_HINT}`,
      });
    else if (value.length > SECRET_MAX)
      out.push({ field, message: `Enter at most ${SECRET_MAX} characters.` });
  }
  if (!draft.enabled) return out;
  for (const path of paths) {
    const name = secretNameFor(draft.id, path);
    const has =
      (draft.secrets[path] ?? '') !== '' ||
      ctx.storedSecrets.has(name) ||
      ctx.envSecret(name) !== undefined;
    if (has) continue;
    const how = ctx.canStoreSecrets ? '' : ` The hub has no secrets key yet: ${SECRETS_KEY_HINT}`;
    out.push({
      field: `config.${path}`,
      message: `Enter the secret (password, API key or connection URL): it is stored encrypted and never shown again.${how}`,
    });
  }
  return out;
}

/**
 * The stored secrets that still apply to an edited config: a secret whose authentication kind
 * changed (an API key becoming a Basic password) must be entered again, not silently reused.
 */
export function applicableSecrets(
  stored: ReadonlySet<string>,
  previous: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): Set<string> {
  const out = new Set(stored);
  const walk = (node: unknown, at: string): void => {
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const here = at === '' ? key : `${at}.${key}`;
      if (isSecretKey(key) && typeof value === 'string') {
        const kind = at === '' ? 'type' : `${at}.type`;
        if (getPath(previous, kind) !== getPath(next, kind)) out.delete(value);
      } else walk(value, here);
    }
  };
  walk(previous, '');
  return out;
}
