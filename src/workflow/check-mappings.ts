/**
 * `mapping check`: every mapping file in the mappings folder compiles (closed vocabulary, targets
 * and codes checked against the canonical schema), and each mapping's golden fixtures
 * (<fixtures>/<mapping file name>/<case>.input.json → <case>.expected.json) still map to exactly
 * the expected result. Run it before deploying a changed mapping.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { validatePetition } from '../core/validate-petition.ts';
import { loadMappingFile, type CompiledMapping } from '../mapping/index.ts';
import { diagnoseError, type DiagnosedError } from './diagnose-error.ts';
import { firstDifference, type Difference } from './first-difference.ts';

/** Default folders, relative to the project root (the working directory of `kntc-hub`). */
export const DEFAULT_MAPPINGS_DIR = 'mappings';
/** Default folder of golden fixtures, one sub-folder per mapping file name. */
export const DEFAULT_FIXTURES_DIR = 'test/fixtures/mappings';

/** Result of one golden case. */
export interface FixtureResult {
  readonly name: string;
  readonly ok: boolean;
  /** Why it failed: unreadable file, a difference, or a mapped record breaking the schema. */
  readonly problem?: string;
  readonly difference?: Difference;
}

/** Result of one mapping file. */
export interface MappingFileResult {
  readonly file: string;
  readonly ok: boolean;
  readonly source: string | null;
  readonly version: string | null;
  /** Why it does not load (KNTC_MAPPING_INVALID with file, line and key). */
  readonly error?: DiagnosedError;
  /** The folder where its fixtures are looked for. */
  readonly fixturesDir: string;
  readonly fixtures: readonly FixtureResult[];
}

/** All results; ok when every file loads and every fixture matches. */
export interface MappingCheckReport {
  readonly ok: boolean;
  readonly files: readonly MappingFileResult[];
}

/** Checks every `*.yaml` / `*.yml` directly in `mappingsDir` against its fixtures. */
export async function checkMappings(
  mappingsDir: string = DEFAULT_MAPPINGS_DIR,
  fixturesDir: string = DEFAULT_FIXTURES_DIR,
): Promise<MappingCheckReport> {
  const names = (await readdir(mappingsDir, { withFileTypes: true }))
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
    .map((d) => d.name)
    .sort();
  const files = await Promise.all(
    names.map((n) => checkOne(path.join(mappingsDir, n), fixturesDir)),
  );
  return { ok: files.every((f) => f.ok), files };
}

async function checkOne(file: string, fixturesRoot: string): Promise<MappingFileResult> {
  const fixturesDir = path.join(fixturesRoot, path.basename(file).replace(/\.ya?ml$/, ''));
  let mapping: CompiledMapping;
  try {
    mapping = await loadMappingFile(file);
  } catch (err) {
    const error = diagnoseError(err);
    return { file, ok: false, source: null, version: null, error, fixturesDir, fixtures: [] };
  }
  const cases = await listCases(fixturesDir);
  const fixtures = await Promise.all(cases.map((c) => checkCase(mapping, fixturesDir, c)));
  return {
    file,
    ok: fixtures.every((f) => f.ok),
    source: mapping.source,
    version: mapping.version,
    fixturesDir,
    fixtures,
  };
}

async function listCases(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir))
      .filter((f) => f.endsWith('.input.json'))
      .map((f) => f.slice(0, -'.input.json'.length))
      .sort();
  } catch {
    return []; // no golden fixtures for this mapping (reported as "0 fixtures")
  }
}

async function checkCase(
  mapping: CompiledMapping,
  dir: string,
  name: string,
): Promise<FixtureResult> {
  let input: unknown;
  let expected: unknown;
  try {
    input = JSON.parse(await readFile(path.join(dir, `${name}.input.json`), 'utf8'));
    expected = JSON.parse(await readFile(path.join(dir, `${name}.expected.json`), 'utf8'));
  } catch (err) {
    const problem = `cannot read the fixture pair: ${err instanceof Error ? err.message : String(err)}`;
    return { name, ok: false, problem };
  }
  // Golden files are written with the mapping's own source id as the configured one.
  const actual = mapping.map(input, { sourceId: mapping.source });
  const difference = firstDifference(expected, actual);
  if (difference !== null) {
    return { name, ok: false, problem: `differs at ${difference.path}`, difference };
  }
  if (actual.ok) {
    const valid = validatePetition(actual.value);
    if (!valid.ok) {
      const fields = valid.errors.map((e) => e.field).join(', ');
      return { name, ok: false, problem: `maps, but breaks the canonical schema at ${fields}` };
    }
  }
  return { name, ok: true };
}
