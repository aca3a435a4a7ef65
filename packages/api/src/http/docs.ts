import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../rest/openapi.js';

/** /openapi.json and the human docs page at /docs (assets served from the package: no CDN). */
export async function registerDocs(app: FastifyInstance) {
  const document = openApiDocument();
  app.get('/openapi.json', { logLevel: 'warn' }, async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // No call to the public validator service: the page works offline and leaks nothing.
    uiConfig: { validatorUrl: null, docExpansion: 'list', deepLinking: true, persistAuthorization: true } as never,
  });
}
