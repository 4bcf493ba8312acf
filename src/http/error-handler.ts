/**
 * One error shape for every API response: `{ code, message, hint }`. HubErrors keep their code;
 * request validation errors become KNTC_BAD_REQUEST; anything else is a 500 whose details stay in
 * the log (with the request id), not in the response.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../lib/errors.ts';

/** JSON Schema of the error body, for route declarations. */
export const errorBodySchema = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string' },
    message: { type: 'string' },
    hint: { type: 'string' },
    requestId: { type: 'string' },
  },
} as const;

const STATUS: Partial<Record<string, number>> = {
  KNTC_SOURCE_UNKNOWN: 404,
  KNTC_NOT_FOUND: 404,
  KNTC_BAD_REQUEST: 400,
  KNTC_AUTH_REQUIRED: 401,
  KNTC_LOGIN_FAILED: 401,
  KNTC_FORBIDDEN: 403,
  KNTC_CSRF: 403,
  KNTC_CONFLICT: 409,
  KNTC_LOGIN_RATE_LIMITED: 429,
  KNTC_DB_UNREACHABLE: 503,
  KNTC_REDIS_UNREACHABLE: 503,
};

/** Fastify error handler. */
export function errorHandler(
  err: FastifyError | HubError,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  if (err instanceof HubError) {
    void reply
      .status(STATUS[err.code] ?? 500)
      .send({ code: err.code, message: err.message, hint: err.hint, requestId: req.id });
    return;
  }
  if (err.validation !== undefined) {
    void reply
      .status(400)
      .send({ code: 'KNTC_BAD_REQUEST', message: err.message, requestId: req.id });
    return;
  }
  req.log.error({ err }, 'unhandled API error');
  void reply.status(err.statusCode ?? 500).send({
    code: 'KNTC_INTERNAL',
    message: 'Internal error',
    hint: `Report request id ${req.id} to the hub maintainers.`,
    requestId: req.id,
  });
}
