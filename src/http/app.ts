/**
 * Builds the hub's HTTP API (Fastify) without listening: routes declare JSON Schemas for their
 * responses, which give validation, serialisation and the OpenAPI document at /openapi.json
 * (browsable at /docs). Tests call `app.inject()`; only the composition root calls `listen`.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { healthRoutes, type HealthDeps } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { sourcesRoutes, type SourcesDeps } from './routes/sources.ts';
import { submissionsRoutes, type SubmissionsDeps } from './routes/submissions.ts';
import { reviewRoutes, type ReviewDeps } from './routes/review.ts';
import { registerDashboard, type DashboardDeps } from './dashboard/index.ts';
import { errorHandler } from './error-handler.ts';
import type { Registry } from 'prom-client';

/** Everything the API reads. */
export interface ApiDeps extends HealthDeps, SourcesDeps {
  readonly log: Logger;
  readonly registry: Registry;
  /** The national push's submissions API; absent in tests that do not need it. */
  readonly submissions?: SubmissionsDeps;
  /** The duplicate review API; absent in tests that do not need it. */
  readonly review?: ReviewDeps;
  /**
   * Accounts, sessions and the dashboard pages. When present, its access hook guards EVERY
   * route by the role policy (src/http/plugins/route-policy.ts); absent only in tests of the
   * bare API.
   */
  readonly dashboard?: DashboardDeps;
}

/** Creates the Fastify app with every route registered. */
export async function buildApp(deps: ApiDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.log;
  const app = Fastify({
    loggerInstance,
    // Per-request lines would flood the log at inspectors' polling rate; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => crypto.randomUUID(),
  });
  app.setErrorHandler(errorHandler);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'kntc-hub API',
        version: '1.0.0',
        description:
          'Sync status of local petition systems feeding the national database on complaints and denunciations.',
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(healthRoutes, deps);
  await app.register(metricsRoutes, { registry: deps.registry });
  await app.register(sourcesRoutes, { ...deps, prefix: '/api/v1' });
  if (deps.dashboard !== undefined) await app.register(registerDashboard, deps.dashboard);
  if (deps.review !== undefined)
    await app.register(reviewRoutes, { ...deps.review, prefix: '/api/v1' });
  if (deps.submissions !== undefined) {
    await app.register(submissionsRoutes, { ...deps.submissions, prefix: '/api/v1' });
  }
  return app;
}
