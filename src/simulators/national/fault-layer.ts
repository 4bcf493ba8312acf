/**
 * The fault layer's hooks over a mutable FaultConfig (faults.ts says what each fault is):
 * onRequest refuses or breaks a request before the routes, preHandler injects 422s for chosen
 * cases, onSend tells what is left of the quota (RateLimit headers) and loses the reply of a
 * stored submission. A batch takes its quota per item (`admit`) and its items may fail one by
 * one (`itemFault`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NationalErrorBody } from '../../national/contract.ts';
import {
  checkedFaults,
  createRateWindow,
  delay,
  drop,
  isBatch,
  isSubmission,
  NO_FAULTS,
  retryAfterValue,
  windowRefusal,
  type Admission,
  type FaultConfig,
  type FaultCounts,
} from './faults.ts';
import type { NationalState } from './state.ts';

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** A refusal the fault layer makes of one submission. */
export interface InjectedRefusal {
  readonly status: number;
  readonly body: NationalErrorBody;
}

/** The fault layer: current config, a setter, counters and the hooks to register. */
export interface FaultLayer {
  get(): FaultConfig;
  set(change: Partial<FaultConfig>): FaultConfig;
  counts(): FaultCounts;
  resetCounts(): void;
  /** Takes quota for `n` batch items; counts a rate-limit fault when some do not fit. */
  admit(n: number): Admission;
  /** The Retry-After header value for a wait of `ms`. */
  retryAfter(ms: number): string;
  /** A fault for one batch item (503 by itemErrorRate, or an injected 422), or null. */
  itemFault(body: unknown): InjectedRefusal | null;
  /** The 429 body for submissions beyond the quota. */
  rateLimited(): NationalErrorBody;
  readonly onRequest: Hook;
  readonly preHandler: Hook;
  readonly onSend: (req: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>;
}

const UNAVAILABLE: NationalErrorBody = {
  error: 'SERVICE_UNAVAILABLE',
  message: 'The national database is temporarily unavailable (injected fault); retry later',
};

function zeroCounts(): FaultCounts {
  return {
    windowClosed: 0,
    rateLimited: 0,
    unavailable: 0,
    dropped: 0,
    hung: 0,
    lostReplies: 0,
    injected422: 0,
    itemFailures: 0,
  };
}

function caseOf(body: unknown): { maHoSoNguon?: unknown; tomTatNoiDung?: unknown } | undefined {
  return (body as { case?: { maHoSoNguon?: unknown; tomTatNoiDung?: unknown } } | null)?.case;
}

/** Whether the national rules (as configured) refuse this submission's case. */
function refusedByRules(config: FaultConfig, body: unknown): boolean {
  const c = caseOf(body);
  const id = c?.maHoSoNguon;
  const summary = c?.tomTatNoiDung;
  return (
    (typeof id === 'string' && config.rejectCaseIds.includes(id)) ||
    (typeof summary === 'string' && config.rejectSummaries.includes(summary))
  );
}

function keyOf(body: unknown): string | undefined {
  const key = (body as { submissionKey?: unknown } | null)?.submissionKey;
  return typeof key === 'string' ? key : undefined;
}

const REFUSED_BY_RULES: NationalErrorBody = {
  error: 'VALIDATION_FAILED',
  message: 'Submission has 1 invalid field(s); see fieldErrors',
  fieldErrors: [{ field: 'case.tomTatNoiDung', message: 'refused by the national rules' }],
};

class Faults implements FaultLayer {
  private config: FaultConfig;
  private tally = zeroCounts();
  private readonly quota: ReturnType<typeof createRateWindow>;
  private readonly lost = new WeakSet<FastifyRequest>();

  constructor(
    private readonly state: NationalState,
    private readonly random: () => number,
    private readonly now: () => number,
    initial: Partial<FaultConfig>,
  ) {
    this.config = checkedFaults({ ...NO_FAULTS, ...initial });
    this.quota = createRateWindow(now);
  }

  get = (): FaultConfig => this.config;

  set = (change: Partial<FaultConfig>): FaultConfig => {
    this.config = checkedFaults({ ...this.config, ...change });
    return this.config;
  };

  counts = (): FaultCounts => ({ ...this.tally });

  resetCounts = (): void => {
    this.tally = zeroCounts();
  };

  admit = (n: number): Admission => {
    const a = this.quota.take(this.config.ratePerSecond, n);
    if (a.admitted < n) this.tally.rateLimited += 1;
    return a;
  };

  retryAfter = (ms: number): string =>
    retryAfterValue(this.config.retryAfterFormat, ms, this.now());

  rateLimited = (): NationalErrorBody => ({
    error: 'RATE_LIMITED',
    message: `Quota of ${this.config.ratePerSecond} submissions per second exceeded`,
  });

  itemFault = (body: unknown): InjectedRefusal | null => {
    if (this.config.itemErrorRate > 0 && this.random() < this.config.itemErrorRate) {
      this.tally.itemFailures += 1;
      return { status: 503, body: UNAVAILABLE };
    }
    return this.injected422(body);
  };

  onRequest = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/api/')) return undefined;
    if (isSubmission(req)) {
      const refused = this.submissionGate(req, reply);
      if (refused !== undefined) return refused;
    }
    return this.breakRequest(req, reply);
  };

  preHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!isSubmission(req) || isBatch(req)) return undefined;
    const refusal = this.injected422(req.body);
    return refusal === null ? undefined : reply.code(refusal.status).send(refusal.body);
  };

  onSend = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const c = this.config;
    if (c.reportQuota && c.ratePerSecond > 0 && isSubmission(req)) {
      const q = this.quota.state(c.ratePerSecond);
      reply.header('ratelimit-policy', `${q.limit};w=1`);
      reply.header('ratelimit-limit', String(q.limit));
      reply.header('ratelimit-remaining', String(q.remaining));
      reply.header('ratelimit-reset', (q.resetMs / 1000).toFixed(3));
    }
    if (this.lost.has(req) && reply.statusCode < 300) {
      this.tally.lostReplies += 1;
      req.raw.socket.destroy();
    }
    return Promise.resolve(payload);
  };

  /** Window, then (single submissions only) quota: refusals before anything else. */
  private submissionGate(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const closed = windowRefusal(this.config, this.now());
    if (closed !== null) {
      this.tally.windowClosed += 1;
      return reply.code(409).send(closed);
    }
    if (isBatch(req)) return undefined;
    const { waitMs } = this.quota.take(this.config.ratePerSecond);
    if (waitMs === 0) return undefined;
    this.tally.rateLimited += 1;
    return reply.code(429).header('retry-after', this.retryAfter(waitMs)).send(this.rateLimited());
  }

  /** Latency, then a dropped connection, a hang or a 503; marks a reply to lose. */
  private async breakRequest(req: FastifyRequest, reply: FastifyReply) {
    const c = this.config;
    await delay(c, this.random);
    if (c.dropRate > 0 && this.random() < c.dropRate) {
      this.tally.dropped += 1;
      return drop(req, reply);
    }
    if (c.hangRate > 0 && this.random() < c.hangRate) {
      this.tally.hung += 1;
      await sleep(c.hangMs);
      return drop(req, reply);
    }
    if (c.errorRate > 0 && this.random() < c.errorRate) {
      this.tally.unavailable += 1;
      return reply.code(503).send(UNAVAILABLE);
    }
    if (isSubmission(req) && c.lostReplyRate > 0 && this.random() < c.lostReplyRate) {
      this.lost.add(req);
    }
    return undefined;
  }

  /** The injected 422 for a case the rules refuse (unless its key was seen). */
  private injected422(body: unknown): InjectedRefusal | null {
    const c = this.config;
    if (c.rejectCaseIds.length === 0 && c.rejectSummaries.length === 0) return null;
    if (!refusedByRules(c, body)) return null;
    const key = keyOf(body);
    if (key !== undefined && this.state.getSubmission(key) !== undefined) return null;
    this.tally.injected422 += 1;
    this.state.count('rejected');
    return { status: 422, body: REFUSED_BY_RULES };
  }
}

/** Creates the fault layer; `random` and `now` are injectable so tests are deterministic. */
export function createFaultLayer(
  state: NationalState,
  random: () => number = Math.random,
  now: () => number = Date.now,
  initial: Partial<FaultConfig> = {},
): FaultLayer {
  return new Faults(state, random, now, initial);
}
