/**
 * Fault injection for the national simulator, kept apart from the contract so the routes stay
 * a faithful simulation. Hooks read a mutable FaultConfig that the caller sets at build time
 * (options.faults) or changes at run time (app.simulator.setFaults). Only /api/ routes are
 * affected: /stats, /health and /openapi.json stay reliable so a chaos test can always read the
 * counters. Every fault is O(1) per request.
 *
 * Order on a single submission: window (409 WINDOW_CLOSED) → rate limit (429 + Retry-After) →
 * latency → dropped connection / hang → random 5xx → (route: bearer, idempotency, validation) →
 * injected 422 → handler → lost reply. A batch goes through the same steps as a whole, except
 * that the quota is taken per item in the handler: the items that fit are processed, the rest
 * answer 429 each (partial failure), and each processed item may on its own fail with 503
 * (`itemErrorRate`) or an injected 422. Refusals before the submission logic are not counted as
 * received; each is counted in `faults` of GET /stats.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NATIONAL_PATHS, type NationalErrorBody } from '../../national/contract.ts';

/** A closed interval of the submission window, epoch milliseconds [from, to). */
export interface ClosedRange {
  readonly from: number;
  readonly to: number;
}

/** What the simulator does wrong, on purpose. */
export interface FaultConfig {
  /** Share of /api requests answered 503 SERVICE_UNAVAILABLE, from 0 to 1. */
  readonly errorRate: number;
  /** Delay added before every /api request is handled, in milliseconds. */
  readonly latencyMs: number;
  /** Extra random delay, uniform in [0, latencyJitterMs). */
  readonly latencyJitterMs: number;
  /** Share of /api requests whose connection is dropped before they are handled. */
  readonly dropRate: number;
  /** Share of /api requests that hang `hangMs` and then lose their connection (client timeout). */
  readonly hangRate: number;
  readonly hangMs: number;
  /** Share of submissions that are stored but whose reply is lost (connection dropped). */
  readonly lostReplyRate: number;
  /** Share of batch items answered 503 on their own while the rest of the batch goes through. */
  readonly itemErrorRate: number;
  /** Submissions (batch items each) accepted per second (fixed one-second windows); 0 = unlimited. */
  readonly ratePerSecond: number;
  /** How 429 says when to come back: delta seconds or an HTTP date. */
  readonly retryAfterFormat: 'seconds' | 'date';
  /**
   * Whether submission replies say what is left of the quota (RateLimit-Policy, -Remaining,
   * -Reset); false plays a national side that only ever answers 429.
   */
  readonly reportQuota: boolean;
  /** Periods when the submission window is closed (409 WINDOW_CLOSED). */
  readonly closedRanges: readonly ClosedRange[];
  /** Case ids in the submitting system (maHoSoNguon) refused with 422 VALIDATION_FAILED. */
  readonly rejectCaseIds: readonly string[];
  /** Case summaries (tomTatNoiDung) refused with 422: content the national rules refuse. */
  readonly rejectSummaries: readonly string[];
}

/** No faults: the default. */
export const NO_FAULTS: FaultConfig = {
  errorRate: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  dropRate: 0,
  hangRate: 0,
  hangMs: 0,
  lostReplyRate: 0,
  itemErrorRate: 0,
  ratePerSecond: 0,
  retryAfterFormat: 'seconds',
  reportQuota: true,
  closedRanges: [],
  rejectCaseIds: [],
  rejectSummaries: [],
};

/** How many requests each fault touched. */
export interface FaultCounts {
  windowClosed: number;
  rateLimited: number;
  unavailable: number;
  dropped: number;
  hung: number;
  lostReplies: number;
  injected422: number;
  /** Batch items answered 503 on their own (itemErrorRate). */
  itemFailures: number;
}

function rate(name: string, v: number): void {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${v}`);
}

function nonNegative(name: string, v: number): void {
  if (!(v >= 0 && Number.isFinite(v))) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  }
}

/** Checks and freezes a fault config. */
export function checkedFaults(config: FaultConfig): FaultConfig {
  for (const k of [
    'errorRate',
    'dropRate',
    'hangRate',
    'lostReplyRate',
    'itemErrorRate',
  ] as const) {
    rate(k, config[k]);
  }
  for (const k of ['latencyMs', 'latencyJitterMs', 'hangMs', 'ratePerSecond'] as const) {
    nonNegative(k, config[k]);
  }
  for (const r of config.closedRanges) {
    if (!(r.from < r.to)) throw new RangeError('closedRanges: each from must be before its to');
  }
  return Object.freeze({ ...config });
}

/** Is `req` a submission (create, update, stage or a batch of them)? */
export function isSubmission(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/v1/cases') && (req.method === 'POST' || req.method === 'PUT');
}

/** Is `req` a batch submission? */
export function isBatch(req: FastifyRequest): boolean {
  return req.method === 'POST' && req.url.split('?')[0] === NATIONAL_PATHS.batch;
}

/** The window refusal for `now`, or null when the window is open. */
export function windowRefusal(config: FaultConfig, now: number): NationalErrorBody | null {
  const range = config.closedRanges.find((r) => r.from <= now && now < r.to);
  if (range === undefined) return null;
  return {
    error: 'WINDOW_CLOSED',
    message: 'The national submission window is closed; submit again when it opens',
    nextWindowOpensAt: new Date(range.to).toISOString(),
  };
}

/** How many of the submissions asked for fit in the quota, and how long until more fit. */
export interface Admission {
  readonly admitted: number;
  /** Milliseconds until the next second when some did not fit, else 0. */
  readonly waitMs: number;
}

/** What the quota headers of a reply say (RateLimit-Policy, RateLimit). */
export interface QuotaState {
  readonly limit: number;
  readonly remaining: number;
  /** Milliseconds until the current window ends. */
  readonly resetMs: number;
}

/** A fixed one-second-window counter of submissions (batch items count one each). */
export function createRateWindow(now: () => number) {
  let second = -1;
  let used = 0;
  return {
    /** The quota left in the current window, for the reply's headers. */
    state(limit: number): QuotaState {
      const t = now();
      const s = Math.floor(t / 1000);
      const left = s === second ? Math.max(0, limit - used) : limit;
      return { limit, remaining: left, resetMs: (s + 1) * 1000 - t };
    },
    /** Takes up to `n` slots; says how many were taken and, if not all, when to come back. */
    take(limit: number, n = 1): Admission {
      const t = now();
      const s = Math.floor(t / 1000);
      if (s !== second) {
        second = s;
        used = 0;
      }
      const admitted = limit <= 0 ? n : Math.max(0, Math.min(n, limit - used));
      used += admitted;
      return { admitted, waitMs: admitted < n ? (s + 1) * 1000 - t : 0 };
    },
  };
}

/** The Retry-After header value for a wait of `ms`. */
export function retryAfterValue(format: 'seconds' | 'date', ms: number, now: number): string {
  if (format === 'seconds') return String(Math.max(1, Math.ceil(ms / 1000)));
  // HTTP dates have one-second resolution: round up so the client never comes back early.
  return new Date(Math.ceil((now + ms) / 1000) * 1000).toUTCString();
}

/** Sleeps the configured latency plus jitter. */
export async function delay(config: FaultConfig, random: () => number): Promise<void> {
  const ms =
    config.latencyMs + (config.latencyJitterMs > 0 ? random() * config.latencyJitterMs : 0);
  if (ms > 0) await sleep(ms);
}

/** Destroys the connection of a request without an answer. */
export function drop(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  req.raw.socket.destroy();
  return reply.hijack();
}
