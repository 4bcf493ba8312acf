/**
 * The cheap probe of a file-drop source: the inbox exists and the hub can read it and move files
 * out of it (processed/ and failed/ are created if missing), and how many files wait in it.
 */
import type { AdapterContext } from '../contract.ts';
import type { FileDropConfig } from './config-schema.ts';
import { assertInbox, ensureFolders, listInbox } from './inbox.ts';
import type { FileDropSettings } from './settings.ts';

/** Resolves with the number of files waiting; throws HubError when the folders are unusable. */
export async function checkInbox(
  ctx: AdapterContext<FileDropConfig>,
  settings: FileDropSettings,
): Promise<number> {
  await assertInbox(ctx.sourceId, settings);
  await ensureFolders(settings);
  const waiting = (await listInbox({ ...settings, minAgeSeconds: 0 }, Date.now())).length;
  ctx.log.info({ inbox: settings.inbox, waiting }, 'source check passed');
  return waiting;
}
