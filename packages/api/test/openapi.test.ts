import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRequest } from './call.js';
import { rest, startTestApi, type TestApi } from './harness.js';
import { ROUTE_CASES } from './route-cases.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically
type Doc = Record<string, any>;

let api: TestApi;
let doc: Doc;
beforeAll(async () => {
  api = await startTestApi();
  doc = (await rest<Doc>(api, 'GET', '/openapi.json')).body;
});
afterAll(async () => {
  await api?.close();
});

const documented = () =>
  Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
    Object.keys(item as Doc)
      .filter((m) => ['get', 'post', 'put', 'delete', 'patch'].includes(m))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists exactly the REST routes the procedures define, relative to the /api server', () => {
    expect(doc.servers).toEqual([{ url: '/api' }]);
    const expected = ROUTE_CASES.map((c) => `${c.method} ${c.path}`).sort();
    expect(documented().sort()).toEqual(expected);
  });

  it('gives every operation a response schema, and a request schema where it takes input', () => {
    for (const [path, item] of Object.entries(doc.paths as Doc)) {
      for (const [method, op] of Object.entries(item as Doc)) {
        const success = op.responses['200'] ?? op.responses['201'] ?? op.responses['204'];
        expect(success, `${method} ${path}`).toBeTruthy();
        if (method === 'post' || method === 'put') {
          expect(op.requestBody?.content?.['application/json']?.schema, `${method} ${path}`).toBeTruthy();
        }
        if (success.content) expect(success.content['application/json'].schema, `${method} ${path}`).toBeTruthy();
      }
    }
  });

  it('documents the bearer scheme and marks only login as public', () => {
    expect(doc.components.securitySchemes.Authorization).toMatchObject({ type: 'http', scheme: 'bearer' });
    const publicOps = Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
      Object.entries(item as Doc)
        .filter(([, op]) => !op.security || op.security.length === 0)
        .map(([method]) => `${method} ${path}`),
    );
    expect(publicOps.sort()).toEqual(['post /auth/login', 'post /auth/logout', 'post /auth/refresh', 'post /login']);
  });

  it('every documented route is served (answers something other than an unknown-route 404)', async () => {
    for (const route of ROUTE_CASES) {
      const input = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map(([, key]) => [
          key as string,
          '018f0000-0000-7000-8000-000000000000',
        ]),
      );
      const request = restRequest(route, input);
      const res = await rest<Doc>(api, route.method, request.path, {
        token: api.tokens.admin,
        ...(route.method === 'POST' || route.method === 'PUT' ? { body: request.body ?? {} } : {}),
      });
      const unknownRoute = res.status === 404 && /^(Not found|No route)/.test(res.body?.error?.message ?? '');
      expect(unknownRoute, `${route.method} ${request.path}`).toBe(false);
    }
  });
});
