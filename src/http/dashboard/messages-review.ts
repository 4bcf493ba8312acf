/** Strings of the review pages, [Vietnamese, English]; merged into messages.ts. */
export const REVIEW_MESSAGES = {
  reviewPlaceholderKey: ['', ''],
} as const satisfies Record<string, readonly [string, string]>;
