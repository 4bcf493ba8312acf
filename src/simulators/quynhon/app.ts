/**
 * Builds the Quy Nhơn web petition system simulator as a Fastify app (the caller listens).
 * It serves generated records behind an API key, can add and change records on a timer (live
 * mode), and can answer 503 or slowly on demand to exercise the hub's retries.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { createRng } from '../synth/index.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { checkServerFaults, type QuyNhonSimControl, type ServerFaults } from './control.ts';
import { resolveFaultRates, type RecordFaultRates } from './faults.ts';
import { generateQuyNhonRecords } from './generate.ts';
import { liveTick, type LiveOptions } from './live.ts';
import { createRecordFactory, lastSerials } from './record-factory.ts';
import { RecordStore } from './record-store.ts';
import { registerApiRoutes } from './routes.ts';

/** Options of buildQuyNhonSimulator. */
export interface QuyNhonSimulatorOptions {
  /** Value clients must send in X-Api-Key. */
  readonly apiKey: string;
  /** Seed of the generated records (same seed and clock → same records). */
  readonly seed: number;
  /** Records generated at start (default 300). */
  readonly initialRecords?: number;
  /** Clock (default: the system clock). */
  readonly now?: () => Date;
  /** Add and change records on a timer while the app runs. */
  readonly live?: LiveOptions;
  /** Server faults at start; change them later with app.sim.setFaults or PUT /_sim/faults. */
  readonly faults?: Partial<ServerFaults>;
  /** Record fault rates overriding DEFAULT_RECORD_FAULT_RATES. */
  readonly recordFaults?: Partial<RecordFaultRates>;
  /** Fastify request logging (default false). */
  readonly logger?: boolean;
}

/** The simulator app with its control handle. */
export type QuyNhonSimulator = FastifyInstance & { readonly sim: QuyNhonSimControl };

function keyDigest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

function isProtected(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url.startsWith('/_sim/');
}

function installHooks(
  app: FastifyInstance,
  apiKey: string,
  sim: QuyNhonSimControl,
  seed: number,
): void {
  const expected = keyDigest(apiKey);
  const faultRng = createRng(seed ^ 0x5eed);
  app.addHook('onRequest', async (request, reply) => {
    if (!isProtected(request)) return;
    const given = request.headers['x-api-key'];
    if (typeof given !== 'string' || !timingSafeEqual(keyDigest(given), expected)) {
      return reply.code(401).send({ error: 'Unauthorized', message: 'Sai khóa API' });
    }
    if (!request.url.startsWith('/api/')) return;
    const { errorRate, latencyMs } = sim.faults();
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    if (errorRate > 0 && faultRng.chance(errorRate)) {
      void reply.header('retry-after', '1');
      return reply
        .code(503)
        .send({ error: 'ServiceUnavailable', message: 'Hệ thống đang bận, vui lòng thử lại sau' });
    }
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.validation !== undefined) {
      return reply
        .code(400)
        .send({ error: 'BadRequest', message: `Tham số không hợp lệ: ${error.message}` });
    }
    const status = error.statusCode ?? 500;
    return reply
      .code(status)
      .send({ error: status < 500 ? 'BadRequest' : 'InternalError', message: error.message });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ error: 'NotFound', message: 'Không tìm thấy đường dẫn' }),
  );
}

function createControl(options: QuyNhonSimulatorOptions, clock: () => Date): QuyNhonSimControl {
  const records = generateQuyNhonRecords(options.initialRecords ?? 300, {
    seed: options.seed,
    now: clock(),
    ...(options.recordFaults === undefined ? {} : { faults: options.recordFaults }),
  });
  const store = new RecordStore(records);
  const rates = resolveFaultRates(options.recordFaults);
  const liveRng = createRng(options.seed + 1);
  const factory = createRecordFactory(liveRng, rates, lastSerials(records));
  let faults = checkServerFaults({ errorRate: 0, latencyMs: 0, ...options.faults });
  const counts = {
    newPerTick: options.live?.newPerTick ?? 1,
    updatesPerTick: options.live?.updatesPerTick ?? 1,
    resubmissionRate: rates.resubmission,
  };
  return {
    store,
    faults: () => faults,
    setFaults: (patch) => (faults = checkServerFaults({ ...faults, ...patch })),
    tick: () => liveTick({ store, factory, rng: liveRng }, clock().getTime(), counts),
  };
}

/** Builds the simulator (routes, auth, faults, live timer); does not listen. */
export function buildQuyNhonSimulator(options: QuyNhonSimulatorOptions): QuyNhonSimulator {
  const clock = options.now ?? (() => new Date());
  const app: FastifyInstance = Fastify({ logger: options.logger ?? false });
  const sim = createControl(options, clock);
  app.decorate('sim', sim);
  installHooks(app, options.apiKey, sim, options.seed);
  registerApiRoutes(app, sim.store);
  registerAdminRoutes(app, sim);
  const live = options.live;
  if (live !== undefined) {
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', (done) => {
      timer = setInterval(() => sim.tick(), live.intervalMs).unref();
      done();
    });
    app.addHook('onClose', (_instance, done) => {
      clearInterval(timer);
      done();
    });
  }
  return app as QuyNhonSimulator;
}
