/**
 * Shared plumbing of the two deadline data files (rules, holiday calendar): YAML text → plain
 * data → JSON Schema check, with every problem gathered into one KNTC_CONFIG_INVALID error that
 * names the file and the place in it. Parsing only: reading the file is the caller's business.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import { HubError } from '../../lib/errors.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true });

/** Compiles a data-file schema once, at module load. */
export function compileFileSchema<T>(
  schema: Readonly<Record<string, unknown>>,
): ValidateFunction<T> {
  return ajv.compile<T>(schema);
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '(top)';
  const extra =
    e.keyword === 'additionalProperties'
      ? ` "${String(e.params['additionalProperty'])}"`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify(e.params['allowedValues'])})`
        : '';
  return `${at}: ${e.message ?? 'invalid'}${extra}`;
}

/** One error listing every problem of a data file. */
export function fileInvalid(file: string, problems: readonly string[]): HubError {
  return new HubError(
    'KNTC_CONFIG_INVALID',
    `Deadline data file ${file} is invalid: ${problems.join('; ')}`,
    {
      hint: `Fix ${file} at the places named (see the comments at the top of the file for its format).`,
      details: { file },
    },
  );
}

/** Parses YAML text and checks it against a compiled schema; throws KNTC_CONFIG_INVALID. */
export function parseDataFile<T>(text: string, file: string, validate: ValidateFunction<T>): T {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    throw fileInvalid(
      file,
      doc.errors.map((e) => `YAML error at line ${e.linePos?.[0].line ?? '?'}: ${e.code}`),
    );
  }
  const data: unknown = doc.toJS();
  if (!validate(data)) throw fileInvalid(file, (validate.errors ?? []).map(describe));
  return data;
}
