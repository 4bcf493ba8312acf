/**
 * Checks what the sources console's create/edit form submitted, every field at once, and says
 * per field what to enter instead: the id (pattern, not taken by the deployment file or another
 * console source, never used before by a removed source), name, adapter kind, mapping file
 * (under mappings/, and it must load), cron schedule, the adapter config against the adapter's
 * JSON Schema, a file-drop source's folders (inside the drop root), and the secrets (each secret
 * field needs a value, storing one needs the secrets key, a stored one may be cleared). Each
 * problem is said by message keys (problem-text.ts); secret values are never echoed.
 */
import { CronExpressionParser } from 'cron-parser';
import cron from 'node-cron';
import { isSecretKey } from '../../adapters/shared/secrets.ts';
import { HubError } from '../lib/errors.ts';
import { SCHEDULE_TZ } from '../scheduler/catch-up.ts';
import type { DefinitionFields } from '../store/source-definitions-repo.ts';
import { configProblems } from './config-problems.ts';
import type { DraftProblem, SourceDraft } from './console-contract.ts';
import { dropFolderProblems, FILE_DROP_KIND } from './drop-folders.ts';
import { part, problemOf } from './problem-text.ts';
import { getPath, isObject, secretNameFor, secretPaths, withSecretNames } from './secret-fields.ts';

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
  /**
   * Every id of the `sources` table: a source removed from the deployment file keeps its row,
   * cursor, raw records and petitions there, so a new source may not take its id.
   */
  readonly usedSourceIds: ReadonlySet<string>;
  /** 'create', or the id of the console source being edited. */
  readonly editing: string | null;
  /** Names of the secrets already stored for the source being edited. */
  readonly storedSecrets: ReadonlySet<string>;
  readonly canStoreSecrets: boolean;
  /** A KNTC_SRC_* environment variable's value, the fallback when nothing is stored. */
  readonly envSecret: (name: string) => string | undefined;
  /** Absolute folder every folder of a file-drop source must be inside (KNTC_DROP_ROOT). */
  readonly dropRoot: string;
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
    const kinds = Object.keys(ctx.adapterSchemas).join(', ');
    problems.push(problemOf('adapter', part('adapterUnknown', { kinds })));
  }
  if (!isObject(draft.config)) problems.push(problemOf('config', part('configMissing')));
  if (schema === undefined || !isObject(draft.config)) return { ok: false, problems };
  const checked = await checkConfig(draft, schema, ctx);
  problems.push(...checked.problems);
  if (problems.length > 0) return { ok: false, problems: oneEach(problems) };
  const { id, adapter, mapping, enabled } = draft;
  const fields = { id, name: draft.name.trim(), adapter, mapping, schedule, enabled };
  return { ok: true, draft: { ...checked.draft, fields: { ...fields, config: checked.config } } };
}

/**
 * The config with its secret fields named, the secrets to store, and the problems of the config,
 * its secrets (a cleared one no longer counts as stored) and a file-drop source's folders.
 */
async function checkConfig(
  draft: SourceDraft,
  schema: Readonly<Record<string, unknown>>,
  ctx: DraftContext,
): Promise<{
  config: Record<string, unknown>;
  draft: Omit<CheckedDraft, 'fields'>;
  problems: DraftProblem[];
}> {
  const stored = new Set(ctx.storedSecrets);
  for (const path of draft.clearSecrets ?? []) stored.delete(secretNameFor(draft.id, path));
  const entered = (path: string): boolean => (draft.secrets[path] ?? '') !== '';
  const kept = (path: string): boolean => stored.has(secretNameFor(draft.id, path));
  const paths = secretPaths(schema, draft.config, (p) => entered(p) || kept(p));
  const config = withSecretNames(draft.id, draft.config, paths);
  const problems = [
    ...configProblems(schema, config),
    ...secretProblems(draft, paths, { ...ctx, storedSecrets: stored }),
  ];
  if (draft.adapter === FILE_DROP_KIND)
    problems.push(...(await dropFolderProblems(draft.id, config, ctx.dropRoot)));
  const newSecrets = paths.filter(entered).map((path) => ({
    path,
    name: secretNameFor(draft.id, path),
    value: draft.secrets[path] ?? '',
  }));
  return { config, draft: { secretPaths: paths, newSecrets }, problems };
}

/** At most one problem per field: a later problem of a field already reported is joined to it. */
function oneEach(problems: readonly DraftProblem[]): DraftProblem[] {
  const byField = new Map<string, DraftProblem>();
  for (const p of problems) {
    const first = byField.get(p.field);
    byField.set(
      p.field,
      first === undefined ? p : problemOf(p.field, ...(first.parts ?? []), ...(p.parts ?? [])),
    );
  }
  return [...byField.values()];
}

function idProblems(id: string, ctx: DraftContext): DraftProblem[] {
  if (ctx.editing !== null) {
    return id === ctx.editing ? [] : [problemOf('id', part('idFixed', { id: ctx.editing }))];
  }
  if (!SOURCE_ID_PATTERN.test(id)) return [problemOf('id', part('idPattern'))];
  if (ctx.fileSourceIds.has(id)) return [problemOf('id', part('idInFile', { id }))];
  if (ctx.consoleSourceIds.has(id)) return [problemOf('id', part('idTaken', { id }))];
  if (ctx.usedSourceIds.has(id)) return [problemOf('id', part('idUsedBefore', { id }))];
  return [];
}

function nameProblems(name: string): DraftProblem[] {
  const n = name.trim();
  if (n === '') return [problemOf('name', part('nameEmpty'))];
  if (n.length > NAME_MAX) return [problemOf('name', part('nameTooLong', { max: NAME_MAX }))];
  return [];
}

async function mappingProblems(mapping: string, ctx: DraftContext): Promise<DraftProblem[]> {
  if (!ctx.mappingFiles.includes(mapping)) {
    const known = ctx.mappingFiles.join(', ') || '—';
    return [problemOf('mapping', part('mappingUnknown', { known }))];
  }
  try {
    await ctx.loadMapping(mapping);
    return [];
  } catch (err) {
    const detail = err instanceof HubError ? err.message : String(err);
    return [problemOf('mapping', part('mappingBroken', { detail }))];
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
  return reason === '' ? [] : [problemOf('schedule', part('scheduleInvalid', { reason }))];
}

function secretProblems(
  draft: SourceDraft,
  paths: readonly string[],
  ctx: DraftContext,
): DraftProblem[] {
  const out: DraftProblem[] = [];
  const cleared = new Set(draft.clearSecrets ?? []);
  for (const [path, value] of Object.entries(draft.secrets)) {
    if (value === '') continue;
    const field = `config.${path}`;
    if (!paths.includes(path)) out.push(problemOf(field, part('secretNotSecret')));
    else if (cleared.has(path)) out.push(problemOf(field, part('secretClearOrEnter')));
    else if (!ctx.canStoreSecrets) out.push(problemOf(field, part('secretNoKey')));
    else if (value.length > SECRET_MAX)
      out.push(problemOf(field, part('secretTooLong', { max: SECRET_MAX })));
  }
  if (!draft.enabled) return out;
  for (const path of paths) {
    const name = secretNameFor(draft.id, path);
    const has =
      (draft.secrets[path] ?? '') !== '' ||
      ctx.storedSecrets.has(name) ||
      ctx.envSecret(name) !== undefined;
    if (has || out.some((p) => p.field === `config.${path}`)) continue;
    const key = ctx.canStoreSecrets ? 'secretMissing' : 'secretMissingNoKey';
    out.push(problemOf(`config.${path}`, part(key)));
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
