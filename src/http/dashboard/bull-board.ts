/**
 * bull-board at /admin/queues for admins (ROUTE_POLICY covers the prefix). Its page links a
 * Google font; the hub may run without internet and must not call outside, so the link is
 * removed from the page as it is sent.
 */
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';

/** The path bull-board is mounted at. */
export const QUEUES_PATH = '/admin/queues';

const EXTERNAL_FONT = /<link[^>]+fonts\.googleapis\.com[^>]*>/g;

/** Mounts bull-board for the given queues. */
export async function mountBullBoard(
  app: FastifyInstance,
  queues: readonly Queue[],
): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
  });
  await app.register(
    async (scope) => {
      scope.addHook('onSend', (_req, reply, payload) => {
        const type = String(reply.getHeader('content-type') ?? '');
        if (typeof payload === 'string' && type.includes('text/html')) {
          return Promise.resolve(payload.replace(EXTERNAL_FONT, ''));
        }
        return Promise.resolve(payload);
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUES_PATH },
  );
}
