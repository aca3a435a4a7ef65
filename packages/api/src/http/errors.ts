import { type ApiErrorBody, ERROR_CATALOG, type ErrorCode } from '@meditrack/contract';
import type { FastifyError, FastifyInstance } from 'fastify';

/** Fastify's own refusals (before any procedure runs), in our catalog's terms. */
function codeOf(error: FastifyError): ErrorCode {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return 'MALFORMED_JSON';
  if (error instanceof SyntaxError || error.statusCode === 400) return 'MALFORMED_JSON';
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error.statusCode === 404) return 'NOT_FOUND';
  if (error.statusCode && error.statusCode < 500) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

export function sendError(
  reply: { code(n: number): unknown; send(b: unknown): unknown },
  requestId: string,
  body: ApiErrorBody,
) {
  reply.code(ERROR_CATALOG[body.code].status);
  return reply.send({ error: body, requestId });
}

/** One error format for everything Fastify answers itself: malformed JSON, oversized bodies, unknown routes. */
export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const code = codeOf(error);
    if (code === 'INTERNAL') req.log.error({ err: error }, 'request failed');
    return sendError(reply, req.id, { code, message: ERROR_CATALOG[code].message });
  });
  app.setNotFoundHandler((req, reply) =>
    sendError(reply, req.id, { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}.` }),
  );
}
