/**
 * The folders a file-drop source created in the console may use. Whoever can edit a console
 * source could otherwise point its inbox at /etc or the hub's own folder and read the first lines
 * of any file through the mapping preview (a .env file's secrets). So every folder the source
 * reads or moves files into (inbox, processed, failed, with the adapter's own defaults) must be
 * inside the drop root (KNTC_DROP_ROOT), after following symbolic links as far as the folders
 * exist. Deployment-file sources are not limited: their folders are chosen by the operator.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { resolveSettings } from '../../adapters/file-drop/settings.ts';
import type { DraftProblem } from './console-contract.ts';
import { part, problemOf } from './problem-text.ts';
import { isObject } from './secret-fields.ts';

/** The adapter kind whose folders are limited to the drop root. */
export const FILE_DROP_KIND = 'file-drop';

/**
 * Where `folder` really is: the real path of its nearest existing ancestor (symbolic links
 * followed) joined with the part that does not exist yet.
 */
export async function realFolder(folder: string): Promise<string> {
  const missing: string[] = [];
  let at = path.resolve(folder);
  for (;;) {
    try {
      return path.join(await realpath(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return path.resolve(folder);
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

/** True when `folder` is `root` or inside it (both real, absolute paths). */
export function isInside(folder: string, root: string): boolean {
  const rel = path.relative(root, folder);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

const FOLDER_KEYS = ['inbox', 'processedDir', 'failedDir'] as const;

/**
 * Problems of a console file-drop config's folders against `dropRoot` (absolute): one per
 * folder outside it. A processed or failed folder left to its default (next to the inbox) that
 * falls outside is reported on the inbox, which decides where it goes.
 */
export async function dropFolderProblems(
  sourceId: string,
  config: unknown,
  dropRoot: string,
): Promise<DraftProblem[]> {
  if (!isObject(config) || typeof config['inbox'] !== 'string' || config['inbox'] === '') return [];
  const given: Record<string, string> = {};
  for (const key of FOLDER_KEYS) {
    const v = config[key];
    if (typeof v === 'string' && v !== '') given[key] = v;
  }
  const settings = resolveSettings({ inbox: config['inbox'], ...given });
  const root = await realFolder(dropRoot);
  const rootShown = path.resolve(dropRoot);
  const out: DraftProblem[] = [];
  let defaultOutside = false;
  for (const key of FOLDER_KEYS) {
    if (isInside(await realFolder(settings[key]), root)) continue;
    if (key in given)
      out.push(problemOf(`config.${key}`, part('folderOutside', { root: rootShown })));
    else defaultOutside = true;
  }
  if (defaultOutside && !out.some((p) => p.field === 'config.inbox')) {
    const example = path.join(rootShown, sourceId, 'inbox');
    out.push(problemOf('config.inbox', part('folderDefaultOutside', { root: rootShown, example })));
  }
  return out;
}
