/**
 * Builds the Hà Nội petition-management XML web service simulator as a Fastify app (the caller
 * listens). It serves generated records over SOAP 1.1/1.2 and plain XML, behind HTTP Basic or
 * a WS-Security UsernameToken, can add and change records on a timer (live mode), and can
 * answer SOAP Server faults or slowly on demand.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { createRng, formatDdMmYyyy, formatVnTimestamp, vnDate } from '../synth/index.ts';
import type { HanoiCredentials } from './auth.ts';
import { checkFaults, type HanoiServerFaults, type HanoiSimControl } from './control.ts';
import { createHanoiFactory, generateHanoiRecords } from './generate.ts';
import { HANOI_HUONG_XU_LY, type HanoiRecord } from './record.ts';
import { registerHanoiRoutes } from './routes.ts';
import { HanoiStore } from './store.ts';

/** Live mode: records added and changed every `intervalMs`. */
export interface HanoiLiveOptions {
  readonly intervalMs: number;
  readonly newPerTick?: number;
  readonly updatesPerTick?: number;
}

/** Options of buildHanoiSimulator. */
export interface HanoiSimulatorOptions {
  /** The account (HTTP Basic or WS-Security UsernameToken). */
  readonly credentials: HanoiCredentials;
  readonly seed: number;
  /** Records generated at start (default 300). */
  readonly initialRecords?: number;
  /** Records to serve instead of generated ones (tests). */
  readonly records?: readonly HanoiRecord[];
  readonly now?: () => Date;
  readonly live?: HanoiLiveOptions;
  readonly faults?: Partial<HanoiServerFaults>;
  readonly logger?: boolean;
}

/** The simulator app with its control handle. */
export type HanoiSimulator = FastifyInstance & { readonly sim: HanoiSimControl };

function createControl(options: HanoiSimulatorOptions, clock: () => Date): HanoiSimControl {
  const initial =
    options.records ??
    generateHanoiRecords(options.initialRecords ?? 300, { seed: options.seed, now: clock() });
  const store = new HanoiStore(initial);
  const factory = createHanoiFactory(options.seed + 1, initial.length + 1);
  let faults = checkFaults({ errorRate: 0, latencyMs: 0, ...options.faults });
  const tick = () => {
    const nowMs = clock().getTime();
    const added = options.live?.newPerTick ?? 1;
    const updated = Math.min(options.live?.updatesPerTick ?? 1, store.all().length);
    for (let i = 0; i < added; i++) store.upsert(factory.make(nowMs, store.all()));
    for (let i = 0; i < updated; i++) {
      const old = factory.rng.pick(store.all());
      store.upsert(handled(old, nowMs, factory.rng.pick(HANOI_HUONG_XU_LY)));
    }
    return { added, updated };
  };
  return {
    store,
    faults: () => faults,
    setFaults: (patch) => (faults = checkFaults({ ...faults, ...patch })),
    tick,
  };
}

function handled(r: HanoiRecord, nowMs: number, huongXuLy: string): HanoiRecord {
  return {
    ...r,
    ketQuaXuLy: { huongXuLy, ngayXuLy: formatDdMmYyyy(vnDate(nowMs)) },
    ngayCapNhat: formatVnTimestamp(nowMs),
    updatedMs: Math.floor(nowMs / 1000) * 1000,
  };
}

/** Builds the simulator (routes, auth, faults, live timer); does not listen. */
export function buildHanoiSimulator(options: HanoiSimulatorOptions): HanoiSimulator {
  const clock = options.now ?? (() => new Date());
  const app: FastifyInstance = Fastify({ logger: options.logger ?? false });
  const sim = createControl(options, clock);
  app.decorate('sim', sim);
  registerHanoiRoutes(app, {
    store: () => sim.store,
    credentials: options.credentials,
    faults: () => sim.faults(),
    faultRng: createRng(options.seed ^ 0x5eed),
    now: clock,
  });
  const live = options.live;
  if (live !== undefined) {
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', () => {
      timer = setInterval(() => sim.tick(), live.intervalMs);
      timer.unref();
    });
    app.addHook('onClose', () => {
      if (timer !== null) clearInterval(timer);
    });
  }
  return app as HanoiSimulator;
}
