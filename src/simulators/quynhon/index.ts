/**
 * The Quy Nhơn web petition system simulator: record generator, record types and the Fastify
 * app. See README.md in this folder for options, routes and planted faults.
 */
export {
  buildQuyNhonSimulator,
  type QuyNhonSimulator,
  type QuyNhonSimulatorOptions,
} from './app.ts';
export type { QuyNhonSimControl, ServerFaults } from './control.ts';
export { DEFAULT_RECORD_FAULT_RATES, resolveFaultRates, type RecordFaultRates } from './faults.ts';
export {
  generateQuyNhonDataset,
  generateQuyNhonRecords,
  type GenerateQuyNhonOptions,
  type QuyNhonDataset,
  type Resubmission,
} from './generate.ts';
export type { LiveOptions, LiveTickResult } from './live.ts';
export {
  HUONG_XU_LY,
  LINH_VUC,
  LOAI_DON,
  NGUON_DON,
  type HuongXuLy,
  type LinhVuc,
  type NguonDon,
  type QuyNhonPerson,
  type QuyNhonRecord,
} from './record.ts';
export { RecordStore, type StorePage, type StoreQuery } from './record-store.ts';
export { parseInstant } from './routes.ts';
