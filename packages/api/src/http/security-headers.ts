import type { FastifyInstance } from 'fastify';

/**
 * The headers helmet 8 sends for a JSON API (its defaults without a Content-Security-Policy, which
 * JSON needs none of; the /docs page sets its own), as one constant written once per response.
 * @fastify/helmet ran helmet's dozen connect-style middlewares on every request, which cost ~13% of
 * the API's CPU on a patient search (docs/benchmarks.md). Fastify sends no X-Powered-By.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cross-origin-opener-policy': 'same-origin',
  // Same site, not same origin: the hospital's frontends may live on a sibling host.
  'cross-origin-resource-policy': 'same-site',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/** Every response, errors and 404s included, carries the security headers and its request id. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', req.id);
    done();
  });
}
