import type { FastifyInstance } from 'fastify';
import { clientKey } from './client-address.js';
import type { CounterStore } from './counter-store.js';
import { sendError } from './errors.js';

export interface GlobalRateLimitOptions {
  /** Requests one client address may make per window. */
  max: number;
  windowMs: number;
  /** In this process, or in PostgreSQL so that every replica counts against one budget. */
  counters: CounterStore;
}

/** Load balancers' probes are never limited. */
const UNLIMITED = new Set(['/healthz', '/readyz']);

/**
 * How many calls a request makes: a tRPC batch (`/trpc/a,b,c?batch=1`) counts every call, so
 * batching cannot multiply a client's budget.
 */
export function callsIn(url: string): number {
  // Fastify routes only this raw prefix to tRPC; every other request is one call, parsed no further.
  if (!url.startsWith('/trpc/')) return 1;
  const parsed = new URL(url, 'http://api.invalid');
  let path = parsed.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    return 1; // not a path any route takes
  }
  // As tRPC reads it: the first `batch`, decoded.
  if (!path.startsWith('/trpc/') || parsed.searchParams.get('batch') !== '1') return 1;
  return path.slice('/trpc/'.length).split(',').length;
}

/** At most one warning per this long while the counter store fails (every request would log one). */
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * A global limit of calls per client address (`req.ip`, which honours TRUST_PROXY_HOPS; an IPv6 address by
 * its /64: `clientKey`), counted in a fixed window by the same counter store as the login throttle. Every response says where the client
 * stands (`x-ratelimit-limit`, `-remaining`, `-reset` in seconds); past the limit, 429 RATE_LIMITED
 * with `retry-after`. If the store cannot count (PostgreSQL unreachable), the request passes: an
 * outage must not turn into a wall of 429s.
 *
 * Our own hook rather than @fastify/rate-limit, whose per-request work (its hooks, key and
 * allow-list callbacks, its own store) cost ~11% of the API's CPU on a patient search
 * (docs/benchmarks.md).
 */
export function registerGlobalRateLimit(app: FastifyInstance, options: GlobalRateLimitOptions): void {
  const { max, windowMs, counters } = options;
  const limit = String(max);
  let lastFailureLog = 0;
  app.addHook('onRequest', async (req, reply) => {
    if (UNLIMITED.has(req.url)) return;
    let counted: { count: number; resetAt: number };
    try {
      counted = await counters.hit(`global:${clientKey(req.ip)}`, windowMs, callsIn(req.url));
    } catch (error) {
      if (Date.now() - lastFailureLog >= FAILURE_LOG_INTERVAL_MS) {
        lastFailureLog = Date.now();
        req.log.warn(
          { err: error },
          `global rate limit not counted: the counter store failed (logged once per ${FAILURE_LOG_INTERVAL_MS / 1000} s)`,
        );
      }
      return;
    }
    const resetSeconds = Math.max(0, Math.ceil((counted.resetAt - Date.now()) / 1000));
    reply.header('x-ratelimit-limit', limit);
    reply.header('x-ratelimit-remaining', String(Math.max(0, max - counted.count)));
    reply.header('x-ratelimit-reset', String(resetSeconds));
    if (counted.count <= max) return;
    const retryAfterSeconds = Math.max(1, resetSeconds);
    reply.header('retry-after', String(retryAfterSeconds));
    return sendError(reply, req.id, {
      code: 'RATE_LIMITED',
      message: `Too many requests; try again in ${retryAfterSeconds} s.`,
      details: { retryAfterSeconds },
    });
  });
}
