/**
 * What the sources console (dashboard, admin only) asks of the hub: sources defined at run time
 * next to those in the deployment file, their secrets stored encrypted and never shown again,
 * and the IT workflow (test connection, preview mapping, cursor) on any of them. The dashboard
 * depends on this interface only; src/sources/ implements it over PostgreSQL.
 */
import type { Cursor } from '../../adapters/contract.ts';
import type { MappingPreview } from '../workflow/preview-mapping.ts';
import type { SourceTestReport } from '../workflow/test-source.ts';
import type { ProblemKey, ProblemParams } from './problem-text.ts';

/** Where a source is defined: the deployment file (read-only here) or the console. */
export type SourceOrigin = 'config-file' | 'console';

/** A source as the console shows it. Secret values never appear. */
export interface ConsoleSourceView {
  readonly id: string;
  readonly name: string;
  /** Adapter kind: rest-json, soap-xml, file-drop, sql. */
  readonly adapter: string;
  /** Mapping file, relative to the project root (e.g. mappings/quynhon-web.yaml). */
  readonly mapping: string;
  /** Cron expression (Asia/Ho_Chi_Minh), or null for manual runs only. */
  readonly schedule: string | null;
  readonly enabled: boolean;
  readonly origin: SourceOrigin;
  /** The adapter config; each secret field (`secretEnv`, `*SecretEnv`) holds the secret's name. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Dotted config paths of secret fields that have a stored value (e.g. "auth.secretEnv"). */
  readonly secretsSet: readonly string[];
  /** Optimistic-lock version: update() refuses a stale one. 0 for config-file sources. */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

/** What a create or edit form submits. */
export interface SourceDraft {
  readonly id: string;
  readonly name: string;
  readonly adapter: string;
  readonly mapping: string;
  readonly schedule: string | null;
  readonly enabled: boolean;
  /**
   * The adapter config; secret fields may be left out or empty: the service names each one
   * KNTC_SRC_<ID>_<PATH> (e.g. KNTC_SRC_PHUONG_A_AUTH for "auth.secretEnv") and sets it here.
   */
  readonly config: Readonly<Record<string, unknown>>;
  /**
   * New secret values by dotted config path of their secret field ("auth.secretEnv"); a path
   * left out, or with an empty value, keeps the stored value (unless the field's auth `type`
   * changed, which asks for a new one).
   */
  readonly secrets: Readonly<Record<string, string>>;
  /**
   * Dotted config paths of secret fields whose stored value is to be removed (an optional
   * password no longer needed); a required one then asks for a new value.
   */
  readonly clearSecrets?: readonly string[];
}

/** One sentence of a problem: a message key (src/sources/problem-text.ts) and its values. */
export interface ProblemPart {
  readonly key: ProblemKey;
  readonly params: ProblemParams;
}

/**
 * One thing wrong with a draft: `field` is "id", "name", "adapter", "mapping", "schedule",
 * "config" or "config.<path>" (a secret's problem is on its field, e.g. "config.auth.secretEnv").
 * At most one problem per field (messages of one field are joined).
 */
export interface DraftProblem {
  readonly field: string;
  /** In English (CLI, JSON): what is wrong and what to enter instead; never echoes a secret. */
  readonly message: string;
  /**
   * The same as message keys, which the dashboard says in the page's language; absent when the
   * message is already in the page's language (the form parser's own problems).
   */
  readonly parts?: readonly ProblemPart[];
}

/** The outcome of create or update. */
export type SaveResult =
  | { readonly ok: true; readonly source: ConsoleSourceView }
  | { readonly ok: false; readonly problems: readonly DraftProblem[] };

/** Who acts, for the audit log. */
export interface ConsoleActor {
  readonly username: string;
  readonly role: string;
  readonly ip: string;
}

/** An adapter kind the console can create sources of. */
export interface AdapterKindInfo {
  readonly kind: string;
  /** The adapter's config JSON Schema (secret fields are `secretEnv` / `*SecretEnv`). */
  readonly configSchema: Readonly<Record<string, unknown>>;
}

/** The sources console service. Every change is audited with the actor. */
export interface SourcesConsole {
  adapterKinds(): readonly AdapterKindInfo[];
  /** Mapping files a source may use (relative paths under mappings/). */
  mappingFiles(): Promise<readonly string[]>;
  get(id: string): Promise<ConsoleSourceView | null>;
  list(): Promise<readonly ConsoleSourceView[]>;
  create(draft: SourceDraft, actor: ConsoleActor): Promise<SaveResult>;
  /**
   * Refuses config-file sources and a stale `expectedVersion` (as a DraftProblem on "id");
   * throws HubError KNTC_SOURCE_UNKNOWN for an unknown id.
   */
  update(
    id: string,
    draft: SourceDraft,
    expectedVersion: number,
    actor: ConsoleActor,
  ): Promise<SaveResult>;
  /**
   * Connection check, one page, mapping file and sample mapping (the CLI's `sources test`). A
   * source problem (including a secret that cannot be decrypted) is a failed step, never a throw;
   * KNTC_SOURCE_UNKNOWN for an unknown id; KNTC_SOURCE_TIMEOUT when `signal` aborts first.
   */
  test(id: string, signal: AbortSignal): Promise<SourceTestReport>;
  /**
   * Raw next to canonical for the first `limit` records from the beginning of the source (the
   * CLI's `mapping preview`); nothing stored, cursor untouched. Throws the source's HubError.
   */
  preview(id: string, limit: number, signal: AbortSignal): Promise<MappingPreview>;
  /** The stored cursor (viewing is audited). */
  cursor(id: string, actor: ConsoleActor): Promise<Cursor | null>;
  /**
   * Replaces the cursor (null: start from the beginning); audited with both values. Throws
   * KNTC_BAD_REQUEST for a value that is not an object of text/number/null, KNTC_CONFLICT while
   * a pull or replay of the source runs.
   */
  setCursor(id: string, cursor: Cursor | null, actor: ConsoleActor): Promise<void>;
}
