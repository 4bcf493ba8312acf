/**
 * The paging knobs every cursor-paged HTTP adapter has (pageSize, timeoutMs, lookbackSeconds,
 * maxPages): their config schema fragment, with each adapter's own defaults and page size limit,
 * and the settings with those defaults filled in. The hub's config loader may or may not have
 * applied the schema defaults (ajv `useDefaults`); the adapters do not depend on it.
 */

/** The paging knobs with every default filled in. */
export interface PagingSettings {
  /** Records asked per request. */
  readonly pageSize: number;
  /** Deadline of one request, the whole answer included. */
  readonly timeoutMs: number;
  /** Re-read this many seconds before the saved cursor at the start of a run. */
  readonly lookbackSeconds: number;
  /** Requests per run at most. */
  readonly maxPages: number;
}

/** JSON Schema of `maxPages`: requests (or statements) per run at most. */
export function maxPagesSchema(defaultValue: number) {
  return { type: 'integer', minimum: 1, maximum: 1_000_000, default: defaultValue } as const;
}

/** The four paging properties of an adapter's config schema, with its defaults and page size limit. */
export function pagingProperties(defaults: PagingSettings, maxPageSize: number) {
  return {
    pageSize: { type: 'integer', minimum: 1, maximum: maxPageSize, default: defaults.pageSize },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000, default: defaults.timeoutMs },
    lookbackSeconds: {
      type: 'integer',
      minimum: 0,
      maximum: 604_800,
      default: defaults.lookbackSeconds,
    },
    maxPages: maxPagesSchema(defaults.maxPages),
  } as const;
}

/** The paging knobs of a config, each one it omits taken from `defaults`. */
export function resolvePaging(
  config: Readonly<Partial<PagingSettings>>,
  defaults: PagingSettings,
): PagingSettings {
  return {
    pageSize: config.pageSize ?? defaults.pageSize,
    timeoutMs: config.timeoutMs ?? defaults.timeoutMs,
    lookbackSeconds: config.lookbackSeconds ?? defaults.lookbackSeconds,
    maxPages: config.maxPages ?? defaults.maxPages,
  };
}
