/**
 * The canonical petition record (version 1): what every local system's record is mapped onto
 * and what the hub stores and pushes. The TypeScript type `Petition` is derived from this schema
 * by json-schema-to-ts, so the schema is the single source of truth.
 *
 * Dates are calendar dates (YYYY-MM-DD) in Vietnam local time: local systems record days, not
 * instants. Names and texts are NFC Unicode; originals stay in the raw records.
 */
import type { FromSchema } from 'json-schema-to-ts';
import {
  CHANNELS,
  ENFORCEMENT_STATES,
  FIELD_AREAS,
  HANDLING_OUTCOMES,
  ID_DOCUMENT_TYPES,
  PETITION_KINDS,
  PETITIONER_KINDS,
  RECEPTION_KINDS,
  SETTLEMENT_RESULTS,
  SEXES,
  codesOf,
} from './codes.ts';
import {
  communeCode,
  date,
  districtCode,
  provinceCode,
  shortText,
  text,
} from './schema-fragments.ts';

/** Version of the canonical schema; stored with every record. */
export const PETITION_SCHEMA_VERSION = '1.0';

const address = {
  type: 'object',
  additionalProperties: false,
  required: ['text'],
  properties: {
    text: shortText,
    provinceCode,
    communeCode,
    legacyProvinceCode: provinceCode,
    legacyDistrictCode: districtCode,
    legacyCommuneCode: communeCode,
  },
} as const;

const petitioner = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'name'],
  properties: {
    kind: { enum: codesOf(PETITIONER_KINDS) },
    name: shortText,
    idDocument: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'number'],
      properties: {
        type: { enum: codesOf(ID_DOCUMENT_TYPES) },
        number: { type: 'string', pattern: '^[0-9A-Z]{6,20}$' },
      },
    },
    birthYear: { type: 'integer', minimum: 1900, maximum: 2100 },
    birthDate: date,
    sex: { enum: codesOf(SEXES) },
    address,
    phone: { type: 'string', pattern: '^\\+?[0-9]{8,15}$' },
    representative: { type: 'boolean' },
  },
} as const;

const handling = {
  type: 'object',
  additionalProperties: false,
  properties: {
    eligible: { type: 'boolean' },
    ineligibleReason: shortText,
    withinCompetence: { type: 'boolean' },
    outcome: { enum: codesOf(HANDLING_OUTCOMES) },
    decidedAt: date,
    transferredTo: shortText,
  },
} as const;

const settlement = {
  type: 'object',
  additionalProperties: false,
  properties: {
    round: { enum: [1, 2] },
    acceptedAt: date,
    dueAt: date,
    extendedTo: date,
    complex: { type: 'boolean' },
    remoteArea: { type: 'boolean' },
    result: { enum: codesOf(SETTLEMENT_RESULTS) },
    decidedAt: date,
    recoveredMoneyMillionVnd: { type: 'number', minimum: 0 },
    recoveredLandM2: { type: 'number', minimum: 0 },
    enforcement: { enum: codesOf(ENFORCEMENT_STATES) },
  },
} as const;

/** JSON Schema of the canonical petition record. */
export const petitionSchema = {
  $id: 'https://kntc-hub.example/schemas/petition-1.0.json',
  title: 'Canonical petition record (đơn khiếu nại, tố cáo, kiến nghị, phản ánh)',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion',
    'provenance',
    'receipt',
    'petitioners',
    'signerCount',
    'kind',
    'content',
    'confidentiality',
  ],
  // Only an anonymous denunciation may come without a petitioner.
  if: { properties: { anonymous: { const: true } }, required: ['anonymous'] },
  then: true,
  else: { properties: { petitioners: { type: 'array', minItems: 1 } } },
  properties: {
    schemaVersion: { const: PETITION_SCHEMA_VERSION },
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'sourceRecordId'],
      properties: {
        source: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,62}$' },
        sourceRecordId: shortText,
        hubId: { type: 'string', format: 'uuid' },
        nationalCaseId: shortText,
        originalPetitionId: { type: 'string', format: 'uuid' },
        oneStopCode: shortText,
        mappingVersion: shortText,
      },
    },
    receipt: {
      type: 'object',
      additionalProperties: false,
      required: ['receivedAt', 'agency', 'channel'],
      properties: {
        receivedAt: date,
        writtenAt: date,
        agency: {
          type: 'object',
          additionalProperties: false,
          required: ['code'],
          properties: { code: shortText, name: shortText, unitCode: communeCode },
        },
        channel: { enum: codesOf(CHANNELS) },
        receptionKind: { enum: codesOf(RECEPTION_KINDS) },
      },
    },
    petitioners: { type: 'array', maxItems: 1000, items: petitioner },
    /** Number of signers; 5 or more makes a many-signer petition (đơn đông người). */
    signerCount: { type: 'integer', minimum: 0 },
    anonymous: { type: 'boolean' },
    kind: { enum: codesOf(PETITION_KINDS) },
    content: {
      type: 'object',
      additionalProperties: false,
      required: ['summary'],
      properties: {
        summary: text,
        subject: shortText,
        fieldArea: { enum: codesOf(FIELD_AREAS) },
        place: address,
      },
    },
    handling,
    settlement,
    confidentiality: {
      type: 'object',
      additionalProperties: false,
      required: ['protectIdentity'],
      properties: {
        protectIdentity: { type: 'boolean' },
        reason: shortText,
      },
    },
  },
} as const;

/** A canonical petition record. */
export type Petition = FromSchema<typeof petitionSchema>;
/** One petitioner (person or organisation) of a petition. */
export type Petitioner = Petition['petitioners'][number];
