import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { ApiConfig } from '../config.js';
import type { CounterStore } from './counter-store.js';
import { registerGlobalRateLimit } from './rate-limit.js';
import { registerSecurityHeaders } from './security-headers.js';

/** Deepest nesting of a JSON text, counted without parsing (so a hostile body cannot recurse the parser). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/**
 * Transport hygiene: security headers and the request id on every response, a CORS allow-list from
 * configuration, a global rate limit per client address, and a JSON parser that refuses deeply
 * nested bodies (and keeps Fastify's prototype-poisoning protection).
 */
export async function registerHygiene(app: FastifyInstance, config: ApiConfig, counters: CounterStore) {
  registerSecurityHeaders(app);
  const allowed = new Set(config.env.CORS_ORIGINS);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'x-request-id', 'trpc-accept'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });
  registerGlobalRateLimit(app, {
    max: config.env.RATE_LIMIT_MAX,
    windowMs: config.env.RATE_LIMIT_WINDOW_MS,
    counters,
  });

  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    // An action without input (a check-in) may come with a JSON content type and no body.
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonDepth(text) > config.env.JSON_MAX_DEPTH) {
      const error = Object.assign(new Error(`JSON nested deeper than ${config.env.JSON_MAX_DEPTH} levels`), {
        statusCode: 400,
        code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      });
      done(error, undefined);
      return;
    }
    defaultJson(req, text, done);
  });
}
