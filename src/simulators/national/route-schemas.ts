/**
 * JSON Schemas of the simulator's routes (params and replies). Fastify uses them to serialise
 * replies and @fastify/swagger turns them into GET /openapi.json; the hand-written contract in
 * docs/national-api.md must list the same paths (a unit test checks it).
 */
import { NATIONAL_ERROR_CODES } from '../../national/contract.ts';
import { CATALOGUE_TYPES } from './catalogues.ts';

/** Body of every error reply. */
export const errorBody = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', enum: [...NATIONAL_ERROR_CODES] },
    message: { type: 'string' },
    fieldErrors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    nextWindowOpensAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Reply to an accepted or duplicate submission. */
export const submissionReply = {
  type: 'object',
  required: ['nationalCaseId', 'submissionKey', 'duplicate', 'receivedAt', 'stage'],
  properties: {
    nationalCaseId: { type: 'string', pattern: '^TTCP-[0-9]{4}-[0-9]{8}$' },
    submissionKey: { type: 'string' },
    duplicate: { type: 'boolean' },
    receivedAt: { type: 'string', format: 'date-time' },
    stage: { type: 'integer', minimum: 1, maximum: 5 },
  },
} as const;

/** Reply of POST /api/v1/cases/batch: one result per item, in the items' order. */
export const batchReply = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['submissionKey', 'status'],
        properties: {
          submissionKey: { type: ['string', 'null'] },
          status: { type: 'integer', enum: [200, 201, 400, 404, 422, 429, 503] },
          reply: submissionReply,
          error: errorBody,
        },
      },
    },
  },
} as const;

/** Error replies every bearer-protected route may give. */
export const authErrors = { 401: errorBody, 503: errorBody } as const;

/** Error replies of the submission routes; 409 and 429 are reserved for a later version. */
export const submissionErrors = {
  ...authErrors,
  400: errorBody,
  409: errorBody,
  422: errorBody,
  429: errorBody,
} as const;

/** Path parameters of /api/v1/cases/{nationalCaseId}. */
export const caseParams = {
  type: 'object',
  required: ['nationalCaseId'],
  properties: { nationalCaseId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

/** Path parameters of /api/v1/cases/{nationalCaseId}/stages/{stage}. */
export const stageParams = {
  type: 'object',
  required: ['nationalCaseId', 'stage'],
  properties: {
    nationalCaseId: { type: 'string', minLength: 1, maxLength: 64 },
    stage: { type: 'integer', enum: [2, 3, 4, 5] },
  },
} as const;

/** Path parameters of /api/v1/catalogues/{type}. */
export const catalogueParams = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string', enum: [...CATALOGUE_TYPES] } },
} as const;

/** Reply of GET /api/v1/catalogues/{type}. */
export const catalogueReply = {
  type: 'object',
  required: ['loaiDanhMuc', 'danhMuc'],
  properties: {
    loaiDanhMuc: { type: 'string' },
    danhMuc: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ma', 'ten'],
        properties: {
          ma: { type: 'string' },
          ten: { type: 'string' },
          maCapTren: { type: 'string' },
        },
      },
    },
  },
} as const;

/** Reply of POST /api/v1/auth/token. */
export const tokenReply = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer' },
  },
} as const;

/** Reply of GET /stats. */
export const statsReply = {
  type: 'object',
  required: [
    'received',
    'accepted',
    'duplicates',
    'rejected',
    'cases',
    'duplicateCases',
    'linkedDuplicates',
  ],
  properties: {
    received: { type: 'integer' },
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    cases: { type: 'integer' },
    duplicateCases: { type: 'integer' },
    linkedDuplicates: { type: 'integer' },
    faults: { type: 'object', additionalProperties: { type: 'integer' } },
  },
} as const;

/** Reply of GET /health. */
export const healthReply = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['ok'] } },
} as const;
