/**
 * The sources API: each configured local system with its sync state, last run, last success,
 * record counts and last error; and a way to start a sync now.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HubError } from '../../lib/errors.ts';
import type { SourceStatus } from '../../store/index.ts';
import { errorBodySchema } from '../error-handler.ts';

/** What the sources routes read and do. */
export interface SourcesDeps {
  readonly listSources: () => Promise<readonly SourceStatus[]>;
  /** Enqueues a manual pull; returns the job id, or null when one is already waiting or running. */
  readonly syncNow: (sourceId: string) => Promise<string | null>;
}

const nullableString = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

const sourceSchema = {
  type: 'object',
  required: [
    'id',
    'name',
    'kind',
    'enabled',
    'paused',
    'state',
    'lastRun',
    'lastSuccessAt',
    'counts',
  ],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string', description: 'Adapter kind (rest-json, soap-xml, file-drop, sql)' },
    enabled: { type: 'boolean' },
    paused: { type: 'boolean' },
    state: { enum: ['disabled', 'paused', 'running', 'failing', 'healthy', 'never-run'] },
    lastRun: {
      type: ['object', 'null'],
      properties: {
        id: { type: 'string' },
        status: { type: 'string' },
        trigger: { type: 'string' },
        startedAt: { type: 'string' },
        finishedAt: nullableString,
        errorCode: nullableString,
        errorMessage: nullableString,
      },
    },
    lastSuccessAt: nullableString,
    counts: {
      type: 'object',
      description:
        'Totals kept incrementally by the store (no run is summed when this is read): pulled and stored over all runs, rejected records now, submissions by outcome.',
      properties: {
        pulled: { ...count, description: 'Records pulled, over all runs' },
        stored: { ...count, description: 'Records inserted or updated, over all runs' },
        rejected: {
          ...count,
          description: 'Source records currently rejected (unresolved field errors)',
        },
        pushed: { ...count, description: 'Submissions attempted at least once' },
        acknowledged: { ...count, description: 'Submissions the national database acknowledged' },
        deadLettered: { ...count, description: 'Submissions given up on (dead letters)' },
        pending: { ...count, description: 'Submissions waiting to be sent or retried' },
      },
    },
    cursor: { type: ['object', 'null'], additionalProperties: true },
  },
} as const;

/** GET /sources, POST /sources/:id/sync. */
export const sourcesRoutes: FastifyPluginAsync<SourcesDeps> = (app, deps) => {
  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: 'Sync status of every local system',
        response: { 200: { type: 'array', items: sourceSchema } },
      },
    },
    () => deps.listSources(),
  );
  app.post<{ Params: { id: string } }>(
    '/sources/:id/sync',
    {
      schema: {
        tags: ['sources'],
        summary: 'Start a sync of one source now',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        response: {
          202: {
            type: 'object',
            properties: { jobId: nullableString, alreadyQueued: { type: 'boolean' } },
          },
          404: errorBodySchema,
        },
      },
    },
    async (req, reply) => {
      const known = (await deps.listSources()).some((s) => s.id === req.params.id);
      if (!known) throw new HubError('KNTC_SOURCE_UNKNOWN', `No source with id "${req.params.id}"`);
      const jobId = await deps.syncNow(req.params.id);
      return reply.status(202).send({ jobId, alreadyQueued: jobId === null });
    },
  );
  return Promise.resolve();
};
