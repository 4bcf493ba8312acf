/**
 * The closed vocabulary of outbound mapping files (mappings/schema/outbound-mapping.schema.json),
 * whose field rules are those of the inbound mappings (mapping.schema.json), compiled once.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import mappingSchema from '../../mappings/schema/mapping.schema.json' with { type: 'json' };
import outboundSchema from '../../mappings/schema/outbound-mapping.schema.json' with { type: 'json' };
import type { OutboundSpec } from './outbound-types.ts';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
ajv.addSchema(mappingSchema);

/** Checks a parsed outbound mapping file; errors in `.errors`. */
export const validateOutboundShape = ajv.compile<OutboundSpec>(outboundSchema);
