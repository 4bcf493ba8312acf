/**
 * The national simulator's routes other than submissions: token issue (HTTP Basic), catalogue
 * look-up (bearer), and the unauthenticated /stats and /health.
 */
import type { FastifyInstance } from 'fastify';
import type { NationalErrorBody, NationalStats } from '../../national/contract.ts';
import type { TokenAuthority } from './auth.ts';
import { CATALOGUES, isCatalogueType } from './catalogues.ts';
import {
  authErrors,
  catalogueParams,
  catalogueReply,
  errorBody,
  healthReply,
  statsReply,
  tokenReply,
} from './route-schemas.ts';

function registerToken(app: FastifyInstance, auth: TokenAuthority): void {
  const schema = {
    summary: 'Issue a bearer token for HTTP Basic client id and secret',
    tags: ['auth'],
    security: [{ basicAuth: [] }],
    response: { 200: tokenReply, 401: errorBody, 503: errorBody },
  };
  app.post('/api/v1/auth/token', { schema }, (req, reply) => {
    const issued = auth.issue(req.headers.authorization);
    if (issued !== null) return issued;
    const body: NationalErrorBody = {
      error: 'INVALID_CLIENT',
      message: 'Client id or secret refused; send HTTP Basic client_id:secret',
    };
    reply.code(401).header('www-authenticate', 'Basic realm="national"');
    return body;
  });
}

function registerCatalogues(app: FastifyInstance, auth: TokenAuthority): void {
  const schema = {
    summary: 'Look up a catalogue (danh mục)',
    tags: ['catalogues'],
    security: [{ bearerAuth: [] }],
    params: catalogueParams,
    response: { 200: catalogueReply, 404: errorBody, ...authErrors },
  };
  const opts = { schema, attachValidation: true, onRequest: auth.requireBearer };
  app.get('/api/v1/catalogues/:type', opts, (req, reply) => {
    const { type } = req.params as { type: string };
    if (!isCatalogueType(type)) {
      reply.code(404);
      const message = `No catalogue ${type}; see docs/national-api.md for the types`;
      return { error: 'CATALOGUE_NOT_FOUND', message } satisfies NationalErrorBody;
    }
    return { loaiDanhMuc: type, danhMuc: CATALOGUES[type] };
  });
}

/** Registers token, catalogue, stats and health routes. */
export function registerPublicRoutes(
  app: FastifyInstance,
  auth: TokenAuthority,
  stats: () => NationalStats,
): void {
  registerToken(app, auth);
  registerCatalogues(app, auth);
  const statsSchema = {
    summary: 'Submission counters',
    tags: ['ops'],
    response: { 200: statsReply },
  };
  app.get('/stats', { schema: statsSchema }, () => stats());
  const healthSchema = { summary: 'Liveness', tags: ['ops'], response: { 200: healthReply } };
  app.get('/health', { schema: healthSchema }, () => ({ status: 'ok' as const }));
}
