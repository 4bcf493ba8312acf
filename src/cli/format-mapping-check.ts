/** Renders `kntc-hub mapping check` results for a terminal. */
import type { MappingCheckReport, MappingFileResult } from '../workflow/index.ts';
import { clip, MARK } from './format-common.ts';

/** The report as text. */
export function formatMappingCheck(report: MappingCheckReport): string {
  if (report.files.length === 0) return 'No mapping files (*.yaml) found.\n';
  const lines = report.files.flatMap(fileLines);
  const failed = report.files.filter((f) => !f.ok).length;
  lines.push(
    '',
    failed === 0
      ? `All ${report.files.length} mapping file(s) load and match their golden fixtures.`
      : `${failed} of ${report.files.length} mapping file(s) FAIL.`,
  );
  return lines.join('\n') + '\n';
}

function fileLines(f: MappingFileResult): string[] {
  if (f.error !== undefined) {
    return [
      `${MARK.failed} ${f.file}  does not load`,
      `    ${f.error.code}: ${f.error.message}`,
      `    fix: ${f.error.hint}`,
    ];
  }
  const id = `${f.source ?? '?'} ${f.version ?? '?'}`;
  if (f.fixtures.length === 0) {
    return [`${MARK.warning} ${f.file}  ${id}  loads; no golden fixtures in ${f.fixturesDir}`];
  }
  const bad = f.fixtures.filter((x) => !x.ok);
  const head =
    bad.length === 0
      ? `${MARK.ok} ${f.file}  ${id}  ${f.fixtures.length} fixture(s) match`
      : `${MARK.failed} ${f.file}  ${id}  ${bad.length} of ${f.fixtures.length} fixture(s) differ`;
  return [
    head,
    ...bad.flatMap((x) => {
      const d = x.difference;
      const detail =
        d === undefined
          ? []
          : [
              `        expected ${clip(JSON.stringify(d.expected) ?? 'nothing', 160)}`,
              `        got      ${clip(JSON.stringify(d.actual) ?? 'nothing', 160)}`,
            ];
      return [`    ${MARK.failed} ${x.name}: ${x.problem ?? 'differs'}`, ...detail];
    }),
  ];
}
