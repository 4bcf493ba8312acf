/**
 * Admin routes of the simulator (not part of the simulated system): read and change server
 * faults, and force a live tick, so an outside test harness can steer a listening simulator.
 * They need the same X-Api-Key as the API.
 */
import type { FastifyInstance } from 'fastify';
import type { QuyNhonSimControl } from './control.ts';
import { errorSchema, serverFaultsSchema, type ServerFaultsPatch } from './schemas.ts';

const tickSchema = {
  type: 'object',
  properties: {
    added: { type: 'array', items: { type: 'string' } },
    updated: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Registers GET/PUT /_sim/faults and POST /_sim/tick. */
export function registerAdminRoutes(app: FastifyInstance, sim: QuyNhonSimControl): void {
  const faultsResponse = { 200: serverFaultsSchema, '4xx': errorSchema };
  app.get('/_sim/faults', { schema: { response: faultsResponse } }, () => sim.faults());
  app.put<{ Body: ServerFaultsPatch }>(
    '/_sim/faults',
    { schema: { body: serverFaultsSchema, response: faultsResponse } },
    (request) => {
      const patch = request.body;
      return sim.setFaults({
        ...(patch.errorRate === undefined ? {} : { errorRate: patch.errorRate }),
        ...(patch.latencyMs === undefined ? {} : { latencyMs: patch.latencyMs }),
      });
    },
  );
  app.post('/_sim/tick', { schema: { response: { 200: tickSchema, '4xx': errorSchema } } }, () =>
    sim.tick(),
  );
}
