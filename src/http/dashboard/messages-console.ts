/** Strings of the console pages, [Vietnamese, English]; merged into messages.ts. */
export const CONSOLE_MESSAGES = {
  consolePlaceholderKey: ['', ''],
} as const satisfies Record<string, readonly [string, string]>;
