/**
 * The closed vocabulary of mapping files: mappings/schema/mapping.schema.json, compiled once.
 * Editors can use the same file for completion and checking while officers write a mapping.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import mappingSchema from '../../mappings/schema/mapping.schema.json' with { type: 'json' };
import type { MappingSpec } from './types.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });

/** Checks a parsed mapping file against the mapping JSON Schema; errors in `.errors`. */
export const validateMappingShape = ajv.compile<MappingSpec>(mappingSchema);
