/** Graceful shutdown helpers: a deadline for closing, and signal handling for the CLI. */

/** Waits for `work` but no longer than `ms`; calls `onTimeout` if the deadline passes first. */
export async function withDeadline(
  work: Promise<unknown>,
  ms: number,
  onTimeout: () => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
    timer.unref();
  });
  try {
    await Promise.race([work.then(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `stop` once on SIGINT or SIGTERM; a second signal exits at once. */
export function onShutdownSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
