import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { appRouter } from '../routers/root.js';

let cached: OpenAPIObject | undefined;

/** The OpenAPI 3 document of the REST API, generated from the same procedures and zod schemas. */
export function openApiDocument(): OpenAPIObject {
  cached ??= generateOpenApiDocument(appRouter, {
    title: 'MediTrack API',
    version: '1.0.0',
    description:
      'Hospital management: patients, doctors, departments, employees, appointments and their audit trail. ' +
      'Log in with POST /api/auth/login and send `Authorization: Bearer <accessToken>`. Errors answer ' +
      '`{ "error": { "code", "message", "field"?, "issues"?, "details"? }, "requestId" }`.',
    baseUrl: '/api',
    securitySchemes: {
      Authorization: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    },
  });
  return cached;
}
