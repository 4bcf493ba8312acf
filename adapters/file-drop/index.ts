/**
 * The file-drop source adapter: reads the CSV and Excel exports a commune or department drops
 * into a folder, each file exactly once (by content hash), in any of the Vietnamese encodings
 * still in use, and moves it to processed/ or failed/ afterwards. It only fetches: mapping and
 * storage happen elsewhere. See README.md for the config, the cursor and the errors.
 */
import type { SourceAdapter } from '../contract.ts';
import { checkInbox } from './check.ts';
import { fileDropConfigSchema, type FileDropConfig } from './config-schema.ts';
import { pullFiles } from './pull.ts';
import { resolveSettings } from './settings.ts';

export type { FileDropConfig } from './config-schema.ts';
export { FILE_DROP_DEFAULTS, fileDropConfigSchema } from './config-schema.ts';
export type { FileRawRecord } from './rows.ts';
export { camelKey } from './header-keys.ts';

/** The file-drop adapter (kind "file-drop"). */
export const fileDropAdapter: SourceAdapter<FileDropConfig> = {
  kind: 'file-drop',
  configSchema: fileDropConfigSchema,
  check: async (ctx) => {
    await checkInbox(ctx, resolveSettings(ctx.config));
  },
  pull: (ctx, from) => pullFiles(ctx, resolveSettings(ctx.config), from),
};
