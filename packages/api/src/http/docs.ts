import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../rest/openapi.js';

/** /openapi.json, the human docs page at /docs (assets served from the package: no CDN), and / pointing to them. */
export async function registerDocs(app: FastifyInstance) {
  const document = openApiDocument();
  app.get('/openapi.json', { logLevel: 'warn' }, async () => document);
  // The root says where things are: a browser goes to the docs page, any other client gets the map.
  app.get('/', { logLevel: 'warn' }, async (req, reply) => {
    if (req.headers.accept?.includes('text/html')) return reply.redirect('/docs');
    return {
      name: 'MediTrack API',
      docs: '/docs',
      openapi: '/openapi.json',
      rest: '/api',
      trpc: '/trpc',
      health: '/healthz',
      ready: '/readyz',
    };
  });
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // No call to the public validator service: the page works offline and leaks nothing.
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true, persistAuthorization: true } as never,
  });
}
