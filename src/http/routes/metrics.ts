/** GET /metrics: the Prometheus exposition of the hub's registry. */
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';

/** Registers GET /metrics. */
export const metricsRoutes: FastifyPluginAsync<{ registry: Registry }> = (app, { registry }) => {
  app.get(
    '/metrics',
    { schema: { tags: ['operations'], produces: ['text/plain'] } },
    async (_req, reply) => {
      return reply.header('content-type', registry.contentType).send(await registry.metrics());
    },
  );
  return Promise.resolve();
};
