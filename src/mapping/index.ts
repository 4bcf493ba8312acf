/**
 * The declarative mapping engine: load a mapping file (closed vocabulary, checked at load with
 * lines) and map source records onto the canonical petition with named transforms only.
 */
export { compileMapping } from './compile.ts';
export { loadMappingFile } from './load.ts';
export { SOURCE_DEFECTS_KEY, type SourceDefect } from './source-defects.ts';
export { XML_TEXT_KEY } from './source-path.ts';
export type {
  CompiledMapping,
  MapContext,
  MappingSpec,
  RuleSpec,
  UnknownCodePolicy,
} from './types.ts';
