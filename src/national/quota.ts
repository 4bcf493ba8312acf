/**
 * Pacing the hub's submissions to the national quota as the national side reports it. Every
 * submission reply carries `RateLimit-Policy: <limit>;w=<window seconds>`, `RateLimit-Remaining`
 * and `RateLimit-Reset` (seconds, with a fraction, until the current window ends); see
 * docs/national-api.md. Before a request the client takes its items from what is left of the
 * window; when they do not fit, it waits for the window to end instead of sending something the
 * national side would refuse with 429 (whose Retry-After, in whole seconds, would cost far more
 * than the wait). Nothing is paced until the national side has said its quota; a national side
 * that never says it is paced only by the push queue's rate limit and Retry-After.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** The quota headers of one reply, read. */
export interface QuotaReport {
  readonly limit: number;
  readonly windowMs: number;
  readonly remaining: number;
  readonly resetMs: number;
}

/** Reads the RateLimit headers of a reply; null when it has none (or they are malformed). */
export function readQuota(headers: Readonly<Record<string, unknown>>): QuotaReport | null {
  const raw = headers['ratelimit-policy'];
  const policy = /^\s*(\d+)\s*;\s*w=(\d+(?:\.\d+)?)/.exec(typeof raw === 'string' ? raw : '');
  const remaining = Number(headers['ratelimit-remaining']);
  const reset = Number(headers['ratelimit-reset']);
  if (policy?.[1] === undefined || policy[2] === undefined) return null;
  if (!Number.isFinite(remaining) || !Number.isFinite(reset) || reset < 0) return null;
  return {
    limit: Number(policy[1]),
    windowMs: Number(policy[2]) * 1000,
    remaining,
    resetMs: reset * 1000,
  };
}

/** A request's hold on the quota: report what the national side answered, then let go. */
export interface QuotaTicket {
  done(report: QuotaReport | null): void;
}

/** Paces requests to the quota the national side reports. */
export interface QuotaTracker {
  /** Waits until `items` fit in the current window (if the quota is known), then holds them. */
  take(items: number): Promise<QuotaTicket>;
}

/** Margin after a window's announced end before sending into the next one. */
const RESET_MARGIN_MS = 5;

interface Window {
  limit: number;
  windowMs: number;
  /** Items this process may still send before `resetAt`. */
  left: number;
  resetAt: number;
}

class Tracker implements QuotaTracker {
  private w: Window | null = null;
  /** Items sent so far, to tell which later requests a reply's count cannot include. */
  private sentTotal = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly now: () => number) {}

  take(items: number): Promise<QuotaTicket> {
    const turn = this.queue.then(() => this.reserve(items));
    this.queue = turn.catch(() => undefined);
    return turn.then((sentUpTo) => ({
      done: (report) => {
        if (report !== null) this.observe(report, sentUpTo);
      },
    }));
  }

  /** Moves to the window `t` falls in, with its whole quota, once the counted one has ended. */
  private roll(t: number): void {
    const w = this.w;
    if (w === null || t < w.resetAt) return;
    const windows = Math.floor((t - w.resetAt) / w.windowMs) + 1;
    this.w = { ...w, left: w.limit, resetAt: w.resetAt + windows * w.windowMs };
  }

  private async reserve(items: number): Promise<number> {
    for (;;) {
      const t = this.now();
      this.roll(t);
      const w = this.w;
      if (w === null || w.left >= items || items > w.limit) {
        if (w !== null) w.left = Math.max(0, w.left - items);
        this.sentTotal += items;
        return this.sentTotal;
      }
      await sleep(w.resetAt - t + RESET_MARGIN_MS);
    }
  }

  private observe(report: QuotaReport, sentUpTo: number): void {
    const resetAt = this.now() + report.resetMs;
    const left = report.remaining - (this.sentTotal - sentUpTo);
    const w = this.w;
    if (w === null || resetAt > w.resetAt + report.windowMs / 2) {
      // First report, or one of a window later than the one we were counting in.
      this.w = { limit: report.limit, windowMs: report.windowMs, left, resetAt };
    } else if (Math.abs(resetAt - w.resetAt) <= report.windowMs / 2) {
      w.left = Math.min(w.left, left);
      w.limit = report.limit;
    }
    // A report of an earlier window than the current one says nothing about it.
  }
}

/** Creates a tracker; `now` is injectable for tests. */
export function createQuotaTracker(now: () => number = Date.now): QuotaTracker {
  return new Tracker(now);
}
