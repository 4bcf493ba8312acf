/**
 * What the sources console (dashboard, admin only) asks of the hub: sources defined at run time
 * next to those in the deployment file, their secrets stored encrypted and never shown again,
 * and the IT workflow (test connection, preview mapping, cursor) on any of them. The dashboard
 * depends on this interface only; src/sources/ implements it over PostgreSQL.
 */
import type { Cursor } from '../../adapters/contract.ts';
import type { MappingPreview } from '../workflow/preview-mapping.ts';
import type { SourceTestReport } from '../workflow/test-source.ts';

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
  /** The adapter config; secret fields may be left out or empty (the service names them). */
  readonly config: Readonly<Record<string, unknown>>;
  /** New secret values by dotted config path of their secret field; a path left out keeps its value. */
  readonly secrets: Readonly<Record<string, string>>;
}

/** One thing wrong with a draft: `field` is "id", "name", "mapping", "schedule" or "config.<path>". */
export interface DraftProblem {
  readonly field: string;
  /** Says what is wrong and what to enter instead; never echoes a secret. */
  readonly message: string;
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
  /** Refuses config-file sources and a stale `expectedVersion` (as a DraftProblem on "id"). */
  update(
    id: string,
    draft: SourceDraft,
    expectedVersion: number,
    actor: ConsoleActor,
  ): Promise<SaveResult>;
  /** Connection check, one page, mapping file and sample mapping (the CLI's `sources test`). */
  test(id: string, signal: AbortSignal): Promise<SourceTestReport>;
  /** Raw next to canonical for the next `limit` records (the CLI's `mapping preview`). */
  preview(id: string, limit: number, signal: AbortSignal): Promise<MappingPreview>;
  /** The stored cursor (viewing is audited). */
  cursor(id: string, actor: ConsoleActor): Promise<Cursor | null>;
  /** Replaces the cursor (null: start from the beginning); audited with both values. */
  setCursor(id: string, cursor: Cursor | null, actor: ConsoleActor): Promise<void>;
}
