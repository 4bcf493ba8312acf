/** Reads a mapping file from disk and compiles it; the file name goes into every load error. */
import { readFile } from 'node:fs/promises';
import { HubError } from '../lib/errors.ts';
import { compileMapping } from './compile.ts';
import type { CompiledMapping } from './types.ts';

/** Loads and compiles a mapping file; throws HubError KNTC_MAPPING_INVALID when unusable. */
export async function loadMappingFile(path: string): Promise<CompiledMapping> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new HubError('KNTC_MAPPING_INVALID', `Mapping file ${path} cannot be read`, {
      cause: err,
      hint: 'Check that the mapping path in the source configuration names an existing file.',
      details: { file: path },
    });
  }
  return compileMapping(text, path);
}
