/**
 * What an adapter kind provides to join the contract suite: a fake source it can start with N
 * records, the config pointing at it, fault toggles, and how to compare its cursors.
 * See README.md in this folder.
 */
import type { Cursor, RawRecord, SourceAdapter } from '../../adapters/contract.ts';
import type { ErrorCode } from '../../src/lib/errors.ts';

/** Faults a fake source can be switched into (and 'none' to heal it). */
export type Fault = 'none' | 'server-error' | 'timeout' | 'malformed' | 'empty';

/** A running fake source holding known records. */
export interface FakeSource {
  /** The adapter config that reads this fake source. */
  readonly config: unknown;
  /** Secrets by environment-variable name, as the hub would resolve them. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Every record id the source holds, in any order. */
  readonly ids: readonly string[];
  /** Records per page the config asks for (the suite expects several pages). */
  readonly pageSize: number;
  /** Switches the source into a fault (or back to healthy with 'none'). */
  setFault(fault: Fault): Promise<void> | void;
  close(): Promise<void>;
}

/** The error each fault must produce (codes the adapter documents). */
export interface ExpectedErrors {
  readonly serverError: ErrorCode;
  readonly timeout: ErrorCode;
  readonly malformed: ErrorCode;
}

/** One adapter kind's entry into the suite. */
export interface ContractHarness {
  readonly adapter: SourceAdapter<unknown>;
  /** Starts a fake source with `records` records (0 = an empty source). */
  start(records: number): Promise<FakeSource>;
  /** Orders two cursors of this adapter (negative: a is earlier). */
  compareCursors(a: Cursor, b: Cursor): number;
  /** The record's id as the source knows it (default: raw.sourceRecordId). */
  idOf?(raw: RawRecord): string | null;
  /**
   * Records a resumed pull may deliver again that were already committed before the crash
   * (the adapter's documented re-read window, e.g. a lookback). 0 for an exact resume.
   */
  readonly resumeOverlap: number;
  /** Faults this kind cannot simulate (their tests are skipped, with this reason shown). */
  readonly unsupported?: Partial<Readonly<Record<Exclude<Fault, 'none'>, string>>>;
  /**
   * Fault cases the adapter fails today, each naming the finding (adapter file, what breaks):
   * skipped with that text until the lead decides. Never a way to pass: remove once fixed.
   */
  readonly knownFailures?: Partial<Readonly<Record<Exclude<Fault, 'none'>, string>>>;
  /** Defaults: KNTC_SOURCE_HTTP, KNTC_SOURCE_TIMEOUT, KNTC_SOURCE_BAD_PAYLOAD. */
  readonly expected?: Partial<ExpectedErrors>;
}
