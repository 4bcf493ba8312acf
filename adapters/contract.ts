/**
 * The contract every source adapter fulfils. An adapter only fetches: no mapping, matching or
 * storage. It yields batches of untouched source records with the cursor that covers them; the
 * pipeline saves that cursor only after the batch's records (accepted and rejected) are durable.
 * It throws HubError: retryable for an unreachable or slow source, permanent when the source
 * sent something unusable, always with a stable code and a hint.
 */
import type { Logger } from 'pino';

/** Opaque, JSON-serialisable position in a source (e.g. a modified-since timestamp). */
export type Cursor = Readonly<Record<string, string | number | null>>;

/** One untouched source record, with the bytes it arrived as (hashed into the raw store). */
export interface RawRecord {
  /** The source's own record id, if the adapter can read it without mapping (else null). */
  readonly sourceRecordId: string | null;
  /** The record as parsed (JSON object, or xml2js object for XML). */
  readonly payload: unknown;
  /** The record's bytes as received (serialised form for JSON), for the raw hash. */
  readonly bytes: Buffer;
  /**
   * True when the payload cannot rebuild `bytes` (a legacy encoding, NFD text): the store then
   * keeps the bytes themselves in raw_records.original.
   */
  readonly keepOriginal?: boolean;
}

/** A page of records and the cursor to resume after it. */
export interface RawBatch {
  readonly records: readonly RawRecord[];
  readonly cursor: Cursor;
}

/** What an adapter receives: its validated config, resolved secrets, a logger, a stop signal. */
export interface AdapterContext<Config> {
  readonly sourceId: string;
  readonly config: Config;
  /** Secrets resolved from the environment variables the config names (never in config files). */
  readonly secrets: Readonly<Record<string, string>>;
  readonly log: Logger;
  readonly signal: AbortSignal;
}

/** A source adapter of one kind (rest-json, soap-xml, file-drop, sql…). */
export interface SourceAdapter<Config> {
  readonly kind: string;
  /** JSON Schema of the adapter's config; secrets appear as `*SecretEnv` names of env variables. */
  readonly configSchema: Readonly<Record<string, unknown>>;
  /** Cheap reachability and auth probe; throws HubError with a diagnosis. */
  check(ctx: AdapterContext<Config>): Promise<void>;
  /** Pulls everything after `from` (null: from the beginning), one page per batch. */
  pull(ctx: AdapterContext<Config>, from: Cursor | null): AsyncIterable<RawBatch>;
}
