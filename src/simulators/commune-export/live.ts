/**
 * The commune export "system" running for the demo: every intervalMs it drops one new export
 * file into the folder, as a commune clerk would, cycling through the formats.
 */
import type { Logger } from 'pino';
import { writeCommuneExports } from './write.ts';

/** Options of startCommuneExportSimulator. */
export interface CommuneExportSimulatorOptions {
  /** The folder files are dropped into (the file-drop source's inbox). */
  readonly folder: string;
  readonly intervalMs: number;
  readonly seed?: number;
  readonly rowsPerFile?: number;
  readonly log?: Logger;
}

/** A running simulator. */
export interface CommuneExportSimulator {
  /** Stops dropping files; resolves once a file being written is complete. */
  stop(): Promise<void>;
}

/** Starts dropping a file every intervalMs (the first one after one interval). */
export function startCommuneExportSimulator(
  options: CommuneExportSimulatorOptions,
): CommuneExportSimulator {
  let n = 0;
  let writing: Promise<void> | null = null;
  const seed = options.seed ?? 1;
  const timer = setInterval(() => {
    if (writing !== null) return; // a slow disk: skip a beat rather than overlap writes
    n += 1;
    writing = writeCommuneExports(options.folder, {
      seed: seed * 100_003 + n,
      files: 1,
      rowsPerFile: options.rowsPerFile ?? 20,
      now: new Date(),
      firstFileNumber: n,
    })
      .then(
        ([file]) =>
          options.log?.info({ file: file?.path, format: file?.format }, 'commune export dropped'),
        (err: unknown) =>
          options.log?.warn({ err }, 'commune export simulator could not write a file'),
      )
      .finally(() => {
        writing = null;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await writing;
    },
  };
}
