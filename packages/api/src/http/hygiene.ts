import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { CounterStore } from '../auth/login-throttle.js';
import type { ApiConfig } from '../config.js';

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
 * Transport hygiene: security headers, a CORS allow-list from configuration, a JSON parser that
 * refuses deeply nested bodies (and keeps Fastify's prototype-poisoning protection).
 */
/**
 * @fastify/rate-limit's store interface over our counter store, so the global limit is shared by
 * every replica when RATE_LIMIT_STORE=postgres. If the database cannot count, the request passes
 * (skipOnError): an outage must not turn into a wall of 429s.
 */
function sharedStore(counters: CounterStore) {
  return class SharedRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      counters.hit(`global:${key}`, timeWindow).then(
        (r) => callback(null, { current: r.count, ttl: Math.max(0, r.resetAt - Date.now()) }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  };
}

export async function registerHygiene(app: FastifyInstance, config: ApiConfig, sharedCounters?: CounterStore) {
  await app.register(helmet, {
    // JSON APIs need no CSP; the /docs page sets its own (swagger-ui's staticCSP).
    contentSecurityPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  const allowed = new Set(config.env.CORS_ORIGINS);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'if-match', 'x-request-id', 'trpc-accept'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
  });

  // A global limit per client address: per replica, or shared through PostgreSQL.
  await app.register(rateLimit, {
    ...(sharedCounters ? { store: sharedStore(sharedCounters) as never, skipOnError: true } : {}),
    max: config.env.RATE_LIMIT_MAX,
    timeWindow: config.env.RATE_LIMIT_WINDOW_MS,
    allowList: (req) => req.url === '/healthz' || req.url === '/readyz',
    errorResponseBuilder: (req, context) => ({
      statusCode: 429,
      error: {
        code: 'RATE_LIMITED',
        message: `Too many requests; try again in ${Math.ceil(context.ttl / 1000)} s.`,
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      },
      requestId: req.id,
    }),
  });

  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
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
