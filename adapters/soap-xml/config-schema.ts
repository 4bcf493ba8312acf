/**
 * JSON Schema of a soap-xml source's configuration: where the XML web service lives, which
 * envelope it speaks (SOAP 1.1, SOAP 1.2 or plain XML over GET), the request template with its
 * placeholders, how to authenticate, where the records sit in an answer, and the size limits.
 * The `SoapXmlConfig` type is derived from this schema. Secrets appear only as the NAME of the
 * environment variable holding them (`secretEnv`, write-only).
 */
import type { FromSchema } from 'json-schema-to-ts';
import { basicAuthSchema, noAuthSchema } from '../shared/http-auth.ts';
import { pagingProperties } from '../shared/paging-config.ts';
import { secretEnvSchema as secretEnv } from '../shared/secrets.ts';

/** Defaults applied when a config omits the field (see settings.ts). */
export const SOAP_XML_DEFAULTS = {
  pageSize: 100,
  timeoutMs: 30_000,
  lookbackSeconds: 0,
  maxPages: 10_000,
  keyset: false,
  /** 20 MB: the whole answer, after oversized fields were dropped. */
  maxDocumentBytes: 20 * 1024 * 1024,
  /** 1 MB: the text of one element; a larger one rejects its record, not the run. */
  maxFieldBytes: 1024 * 1024,
} as const;

/** A dot path of element names (namespace prefixes removed): "Envelope.Body.X.Don". */
const dotPath = { type: 'string', pattern: '^[^.\\s]+(\\.[^.\\s]+)*$', maxLength: 300 } as const;
const wsseAuth = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'username', 'secretEnv'],
  properties: {
    type: { const: 'wsse' },
    username: basicAuthSchema.properties.username,
    secretEnv,
    passwordType: {
      enum: ['PasswordText', 'PasswordDigest'],
      description:
        'Default PasswordText (send it only over HTTPS); PasswordDigest adds nonce and created.',
    },
  },
} as const;

/** The soap-xml adapter's config schema (closed: unknown keys fail at load). */
export const soapXmlConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['endpoint', 'protocol', 'auth', 'records', 'record'],
  properties: {
    endpoint: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 },
    protocol: {
      enum: ['soap1.1', 'soap1.2', 'xml-get'],
      description:
        'soap1.1: text/xml + SOAPAction; soap1.2: application/soap+xml; action=…; xml-get: GET with query.',
    },
    soapAction: { type: 'string', minLength: 1, maxLength: 500 },
    body: {
      type: 'string',
      minLength: 1,
      maxLength: 20_000,
      description:
        'SOAP: the content of soap:Body, with {{modifiedSince}} {{afterId}} {{page}} {{pageSize}} placeholders (XML-escaped when filled).',
    },
    query: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { type: 'string', minLength: 1, maxLength: 100 },
      additionalProperties: { type: 'string', maxLength: 500 },
      description: 'xml-get: query parameters, values with the same placeholders.',
    },
    keyset: {
      type: 'boolean',
      default: SOAP_XML_DEFAULTS.keyset,
      description: 'The service returns records strictly after ({{modifiedSince}}, {{afterId}}).',
    },
    auth: { oneOf: [basicAuthSchema, wsseAuth, noAuthSchema] },
    records: { ...dotPath, description: 'Path of the record elements in an answer.' },
    totalPages: dotPath,
    record: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'modified'],
      properties: { id: dotPath, modified: dotPath },
    },
    ...pagingProperties(SOAP_XML_DEFAULTS, 1000),
    maxDocumentBytes: {
      type: 'integer',
      minimum: 1024,
      maximum: 512 * 1024 * 1024,
      default: SOAP_XML_DEFAULTS.maxDocumentBytes,
    },
    maxFieldBytes: {
      type: 'integer',
      minimum: 64,
      maximum: 64 * 1024 * 1024,
      default: SOAP_XML_DEFAULTS.maxFieldBytes,
    },
  },
} as const;

/** A soap-xml source's config as written (defaulted fields may be absent). */
export type SoapXmlConfig = FromSchema<
  typeof soapXmlConfigSchema,
  { keepDefaultedPropertiesOptional: true }
>;

/** One of the authentication options. */
export type SoapXmlAuth = SoapXmlConfig['auth'];
