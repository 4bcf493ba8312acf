/**
 * The Hà Nội petition-management XML web service simulator: record generator, record types
 * and the Fastify app. See README.md in this folder.
 */
export {
  buildHanoiSimulator,
  type HanoiLiveOptions,
  type HanoiSimulator,
  type HanoiSimulatorOptions,
} from './app.ts';
export type { HanoiCredentials } from './auth.ts';
export type { HanoiServerFaults, HanoiSimControl } from './control.ts';
export { HANOI_WARDS, type HanoiWard } from './data/hanoi-wards.ts';
export { generateHanoiRecords, type GenerateHanoiOptions } from './generate.ts';
export {
  HANOI_HUONG_XU_LY,
  HANOI_LINH_VUC,
  HANOI_LOAI_DON,
  HANOI_NGUON_DON,
  type HanoiRecord,
  type HanoiSender,
} from './record.ts';
export { renderRecord } from './render-xml.ts';
export { HANOI_NS, LAY_DANH_SACH_DON_ACTION } from './soap.ts';
export { HanoiStore } from './store.ts';
