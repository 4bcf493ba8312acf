/**
 * Legacy Vietnamese text encodings: detection (BOM, UTF-8, then plausibility of TCVN3, VNI and
 * Windows-1258) and conversion to NFC Unicode, plus encoders for fixtures and simulators.
 * Pure functions, no I/O. See README.md in this folder.
 */
export {
  LEGACY_ENCODINGS,
  TEXT_ENCODINGS,
  decodeAs,
  encodeAs,
  isValidUtf8,
  type EncodeOptions,
  type LegacyEncoding,
  type TextEncoding,
} from './codec.ts';
export {
  MIN_PLAUSIBLE_RATIO,
  bomOf,
  detectEncoding,
  looksBinary,
  resolveEncoding,
  scoreCandidates,
  type Candidate,
  type Detection,
  type ResolveOptions,
} from './detect.ts';
export { isVietnameseSyllable, plausibility, type Plausibility } from './plausibility.ts';
export type { Tcvn3Capitals } from './tcvn3.ts';
