/**
 * The fault layer's hooks over a mutable FaultConfig (faults.ts says what each fault is):
 * onRequest refuses or breaks a request before the routes, preHandler injects 422s for chosen
 * cases, onSend loses the reply of a stored submission.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { NationalErrorBody } from '../../national/contract.ts';
import {
  checkedFaults,
  createRateWindow,
  delay,
  drop,
  isSubmission,
  NO_FAULTS,
  retryAfterValue,
  windowRefusal,
  type FaultConfig,
  type FaultCounts,
} from './faults.ts';
import type { NationalState } from './state.ts';

type Hook = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/** The fault layer: current config, a setter, counters and the hooks to register. */
export interface FaultLayer {
  get(): FaultConfig;
  set(change: Partial<FaultConfig>): FaultConfig;
  counts(): FaultCounts;
  resetCounts(): void;
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
  };
}

function caseIdOf(body: unknown): string | undefined {
  const id = (body as { case?: { maHoSoNguon?: unknown } } | null)?.case?.maHoSoNguon;
  return typeof id === 'string' ? id : undefined;
}

function keyOf(body: unknown): string | undefined {
  const key = (body as { submissionKey?: unknown } | null)?.submissionKey;
  return typeof key === 'string' ? key : undefined;
}

/** Creates the fault layer; `random` and `now` are injectable so tests are deterministic. */
export function createFaultLayer(
  state: NationalState,
  random: () => number = Math.random,
  now: () => number = Date.now,
  initial: Partial<FaultConfig> = {},
): FaultLayer {
  let config = checkedFaults({ ...NO_FAULTS, ...initial });
  let counts = zeroCounts();
  const quota = createRateWindow(now);
  const lost = new WeakSet<FastifyRequest>();

  async function submissionGate(reply: FastifyReply) {
    const closed = windowRefusal(config, now());
    if (closed !== null) {
      counts.windowClosed += 1;
      return reply.code(409).send(closed);
    }
    const waitMs = quota.take(config.ratePerSecond);
    if (waitMs > 0) {
      counts.rateLimited += 1;
      const body: NationalErrorBody = {
        error: 'RATE_LIMITED',
        message: `Quota of ${config.ratePerSecond} submissions per second exceeded`,
      };
      const after = retryAfterValue(config.retryAfterFormat, waitMs, now());
      return reply.code(429).header('retry-after', after).send(body);
    }
    return undefined;
  }

  return {
    get: () => config,
    set(change) {
      config = checkedFaults({ ...config, ...change });
      return config;
    },
    counts: () => ({ ...counts }),
    resetCounts() {
      counts = zeroCounts();
    },
    async onRequest(req, reply) {
      if (!req.url.startsWith('/api/')) return undefined;
      if (isSubmission(req)) {
        const refused = await submissionGate(reply);
        if (refused !== undefined) return refused;
      }
      await delay(config, random);
      if (config.dropRate > 0 && random() < config.dropRate) {
        counts.dropped += 1;
        return drop(req, reply);
      }
      if (config.hangRate > 0 && random() < config.hangRate) {
        counts.hung += 1;
        await sleep(config.hangMs);
        return drop(req, reply);
      }
      if (config.errorRate > 0 && random() < config.errorRate) {
        counts.unavailable += 1;
        return reply.code(503).send(UNAVAILABLE);
      }
      if (isSubmission(req) && config.lostReplyRate > 0 && random() < config.lostReplyRate) {
        lost.add(req);
      }
      return undefined;
    },
    async preHandler(req, reply) {
      if (config.rejectCaseIds.length === 0 || !isSubmission(req)) return undefined;
      const id = caseIdOf(req.body);
      const key = keyOf(req.body);
      if (id === undefined || !config.rejectCaseIds.includes(id)) return undefined;
      if (key !== undefined && state.getSubmission(key) !== undefined) return undefined;
      counts.injected422 += 1;
      state.count('rejected');
      const body: NationalErrorBody = {
        error: 'VALIDATION_FAILED',
        message: 'Submission has 1 invalid field(s); see fieldErrors',
        fieldErrors: [{ field: 'case.tomTatNoiDung', message: 'refused by the national rules' }],
      };
      return reply.code(422).send(body);
    },
    async onSend(req, reply, payload) {
      if (lost.has(req) && reply.statusCode < 300) {
        counts.lostReplies += 1;
        req.raw.socket.destroy();
      }
      return Promise.resolve(payload);
    },
  };
}
