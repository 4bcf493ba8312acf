/**
 * The commune export simulator: a commune's petition register handed over as CSV (Windows-1258,
 * TCVN3, VNI, UTF-8 with BOM) and Excel files dropped into a folder, for the file-drop adapter's
 * demo and tests. See README.md.
 */
export {
  COMMUNE_EXPORT_HEADERS,
  type CommuneExportHeader,
  type CommuneExportRow,
} from './columns.ts';
export { COMMUNE_EXPORT_FORMATS, XLSX_HEADER_ROW, type CommuneExportFormat } from './render.ts';
export { DEFAULT_COMMUNE_FAULTS, type CommuneFaultRates } from './rows.ts';
export { writeCommuneExports, type CommuneExportOptions, type WrittenExport } from './write.ts';
export {
  startCommuneExportSimulator,
  type CommuneExportSimulator,
  type CommuneExportSimulatorOptions,
} from './live.ts';
