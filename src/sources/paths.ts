/**
 * Where a deployment's files are: the project root (the deployment file's folder's parent, as the
 * config loader resolves mapping paths), its mapping files, and its legal deadline data.
 */
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of mapping files, relative to the project root. */
export const MAPPINGS_DIR = 'mappings';

/**
 * A console source's mapping: a file directly under mappings/ (no `..`, no sub-folder); the same
 * rule as the CHECK on source_definitions.mapping (migration 1767225600007).
 */
export const MAPPING_FILE_PATTERN = /^mappings\/[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/;

/** The project root of a deployment file (config/hub.yaml → .), as load-config resolves mappings. */
export function projectRoot(configFile: string): string {
  return path.dirname(path.dirname(path.resolve(configFile)));
}

/** Mapping files a source may use, as "mappings/<file>.yaml", sorted. */
export async function listMappingFiles(root: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(root, MAPPINGS_DIR));
  } catch {
    return [];
  }
  return names
    .map((n) => `${MAPPINGS_DIR}/${n}`)
    .filter((f) => MAPPING_FILE_PATTERN.test(f))
    .sort();
}

/** The bundled config/deadlines folder of this hub's code. */
const BUNDLED_DEADLINES = fileURLToPath(new URL('../../config/deadlines/', import.meta.url));

/**
 * The legal deadline data of a deployment: a `deadlines` folder next to the deployment file when
 * there is one (a province's own calendar), else the hub's bundled config/deadlines.
 */
export async function deadlinesDir(configFile: string): Promise<string> {
  const beside = path.join(path.dirname(path.resolve(configFile)), 'deadlines');
  try {
    await access(path.join(beside, 'rules.yaml'));
    return beside;
  } catch {
    return BUNDLED_DEADLINES;
  }
}
