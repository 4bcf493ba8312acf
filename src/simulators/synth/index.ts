/**
 * Seeded synthetic-data generator for simulators and test generators: Vietnamese people,
 * identity numbers, phones, pre-2025 Quy Nhơn addresses, petition contents and the text
 * messiness real sources produce. Pure: no I/O, deterministic for a seed.
 */
export * from './rng.ts';
export * from './cccd.ts';
export * from './names.ts';
export * from './phone.ts';
export * from './address.ts';
export * from './messiness.ts';
export * from './local-time.ts';
export * from './person.ts';
export * from './petition-content.ts';
export * from './shared-matters.ts';
export {
  QUYNHON_WARDS,
  QUYNHON_OLD_DISTRICT_CODE,
  BINH_DINH_OLD_PROVINCE_CODE,
} from './data/quynhon-wards.ts';
export type { QuyNhonWard } from './data/quynhon-wards.ts';
export { QUYNHON_CITY_AGENCIES, wardAgency, type Agency } from './data/agencies.ts';
export { QUYNHON_BIRTH_PROVINCES, type BirthProvince } from './data/birth-provinces.ts';
export { LEGACY_PROVINCES } from './data/legacy-provinces.ts';
