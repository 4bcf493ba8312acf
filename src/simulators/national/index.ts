/**
 * The national database simulator: a Fastify app implementing docs/national-api.md with
 * in-memory state, for the demo, the sandbox and tests. It does not listen; the caller does.
 * Run-time control (faults, counters, reset) is on `app.simulator`.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { NATIONAL_CONTRACT_VERSION } from '../../national/national-case-schema.ts';
import type { NationalErrorBody, NationalStats } from '../../national/contract.ts';
import { createTokenAuthority, type NationalClientCredentials } from './auth.ts';
import { registerBatchRoute } from './batch-route.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { createFaultLayer } from './fault-layer.ts';
import { NO_FAULTS, type FaultConfig, type FaultCounts } from './faults.ts';
import { registerPublicRoutes } from './public-routes.ts';
import { createNationalState } from './state.ts';

export type { ClosedRange, FaultConfig, FaultCounts } from './faults.ts';
export type { NationalClientCredentials } from './auth.ts';

/** The demo client every simulator accepts unless told otherwise. */
export const DEMO_NATIONAL_CLIENT: NationalClientCredentials = {
  clientId: 'kntc-hub-demo',
  secret: 'demo-secret',
};

/** How to build a simulator. */
export interface NationalSimulatorOptions {
  /** Accepted clients; default: DEMO_NATIONAL_CLIENT only. */
  readonly clients?: readonly NationalClientCredentials[];
  /** Lifetime of issued tokens; default 3600. */
  readonly tokenTtlSeconds?: number;
  /** Fastify request logging; default false. */
  readonly logger?: boolean;
  /** Clock in epoch milliseconds (token expiry, receivedAt, id year); default Date.now. */
  readonly now?: () => number;
  /** Random source of the fault layer, in [0, 1); default Math.random. */
  readonly random?: () => number;
  /** Faults from the start (the rest: none); change them later with setFaults. */
  readonly faults?: Partial<FaultConfig>;
}

/** Run-time control of a running simulator. */
export interface NationalSimulatorControl {
  /** Changes the injected faults (unset members keep their value); returns the new config. */
  setFaults(change: Partial<FaultConfig>): FaultConfig;
  faults(): FaultConfig;
  /** The same counters as GET /stats (plus what each fault touched). */
  stats(): NationalStats & { readonly faults: FaultCounts };
  /** Expires every issued token now: the next bearer call answers 401 TOKEN_EXPIRED. */
  expireTokens(): void;
  /** Closes the submission window from now for `ms` milliseconds (409 WINDOW_CLOSED). */
  closeWindowFor(ms: number): void;
  /** Forgets cases, submissions and counters and removes faults; issued tokens stay valid. */
  reset(): void;
}

/** A simulator app: a Fastify instance with `simulator` control. */
export type NationalSimulator = FastifyInstance & { readonly simulator: NationalSimulatorControl };

function openApiInfo() {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cơ sở dữ liệu quốc gia về khiếu nại, tố cáo — kntc-hub simulator',
        version: NATIONAL_CONTRACT_VERSION,
        description: 'Simulated national database API; the contract is docs/national-api.md.',
      },
      components: {
        securitySchemes: {
          basicAuth: { type: 'http' as const, scheme: 'basic' },
          bearerAuth: { type: 'http' as const, scheme: 'bearer' },
        },
      },
    },
  };
}

function errorReply(status: number, err: { message: string }): NationalErrorBody {
  if (status === 400) return { error: 'BAD_REQUEST', message: err.message };
  return { error: 'INTERNAL_ERROR', message: 'Internal error of the national simulator' };
}

/** Builds the simulator (routes registered, not listening). */
export function buildNationalSimulator(options: NationalSimulatorOptions = {}): NationalSimulator {
  const now = options.now ?? Date.now;
  const app = Fastify({ logger: options.logger ?? false });
  const state = createNationalState();
  const faults = createFaultLayer(state, options.random, now, options.faults);
  const auth = createTokenAuthority(
    options.clients ?? [DEMO_NATIONAL_CLIENT],
    options.tokenTtlSeconds ?? 3600,
    now,
  );
  const control: NationalSimulatorControl = {
    setFaults: (change) => faults.set(change),
    faults: () => faults.get(),
    stats: () => ({ ...state.stats(), faults: faults.counts() }),
    expireTokens: () => auth.expireAll(),
    closeWindowFor(ms) {
      const from = now();
      faults.set({ closedRanges: [...faults.get().closedRanges, { from, to: from + ms }] });
    },
    reset() {
      state.reset();
      faults.set(NO_FAULTS);
      faults.resetCounts();
    },
  };
  app.decorate('simulator', control);
  app.addHook('onRequest', faults.onRequest);
  app.addHook('preHandler', faults.preHandler);
  app.addHook('onSend', faults.onSend);
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode !== undefined && err.statusCode < 500 ? 400 : 500;
    return reply.code(status).send(errorReply(status, err));
  });
  app.setNotFoundHandler((req, reply) => {
    const body: NationalErrorBody = {
      error: 'NOT_FOUND',
      message: `No route ${req.method} ${req.url}`,
    };
    return reply.code(404).send(body);
  });
  void app.register(swagger, openApiInfo());
  // Routes go in plugins so they register after swagger, whose onRoute hook collects them.
  void app.register((scope, _opts, done) => {
    registerPublicRoutes(scope, auth, () => control.stats());
    done();
  });
  void app.register((scope, _opts, done) => {
    scope.addHook('onRequest', auth.requireBearer);
    registerCaseRoutes(scope, { state, now });
    registerBatchRoute(scope, { state, now, faults });
    done();
  });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app as FastifyInstance as NationalSimulator;
}
