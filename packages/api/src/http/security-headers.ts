import type { FastifyInstance } from 'fastify';

/**
 * The headers OWASP's REST Security Cheat Sheet asks of every API answer (no caching of patient
 * data anywhere, no framing, no MIME sniffing, HTTPS only), its defence-in-depth CSP and referrer
 * policy, and a same-site resource policy (the hospital's frontends may live on a sibling host), as
 * one constant written once per response. Not helmet's set for HTML pages: its origin-agent-cluster,
 * opener policy, DNS-prefetch, IE download, Flash cross-domain and XSS-auditor headers do nothing for
 * JSON, and @fastify/helmet's middlewares cost ~13% of the API's CPU on a patient search
 * (docs/benchmarks.md). The /docs page sets its own CSP, and its static assets their own caching;
 * Fastify sends no X-Powered-By.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'cross-origin-resource-policy': 'same-site',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** Every response, errors and 404s included, carries the security headers and its request id. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    reply.header('x-request-id', req.id);
    done();
  });
}
