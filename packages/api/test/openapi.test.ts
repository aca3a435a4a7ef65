import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restRequest } from './call.js';
import { rest, startTestApi, type TestApi } from './harness.js';
import { DOCUMENTED_ROUTES, ROUTE_CASES } from './route-cases.js';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically
type Doc = Record<string, any>;

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A linter from this package's node_modules/.bin: its exit code and everything it printed. */
function run(bin: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    // No telemetry or update check: CI has no network but the registry.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
    execFile(join(packageDir, 'node_modules', '.bin', bin), args, { cwd: packageDir, env }, (error, stdout, stderr) => {
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, output: `${stdout}${stderr}` });
    });
  });
}

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
    expect(documented().sort()).toEqual(DOCUMENTED_ROUTES);
  });

  it('gives every operation a response schema, and a request schema where it takes input', () => {
    for (const [path, item] of Object.entries(doc.paths as Doc)) {
      for (const [method, op] of Object.entries(item as Doc)) {
        const success = op.responses['200'] ?? op.responses['201'] ?? op.responses['202'] ?? op.responses['204'];
        expect(success, `${method} ${path}`).toBeTruthy();
        if (method === 'post' || method === 'put') {
          expect(op.requestBody?.content?.['application/json']?.schema, `${method} ${path}`).toBeTruthy();
        }
        const body = success.content?.['application/json'] ?? success.content?.['text/event-stream'];
        if (success.content) expect(body?.schema, `${method} ${path}`).toBeTruthy();
      }
    }
  });

  it('documents the bearer scheme and marks only login and the waiting-room board as public', () => {
    expect(doc.components.securitySchemes.Authorization).toMatchObject({ type: 'http', scheme: 'bearer' });
    const publicOps = Object.entries(doc.paths as Doc).flatMap(([path, item]) =>
      Object.entries(item as Doc)
        .filter(([, op]) => !op.security || op.security.length === 0)
        .map(([method]) => `${method} ${path}`),
    );
    expect(publicOps.sort()).toEqual([
      'get /departments/{id}/board',
      'get /departments/{id}/board/events',
      'post /auth/login',
      'post /auth/logout',
      'post /auth/refresh',
      'post /login',
    ]);
  });

  it('documents the real success statuses: 201 for creation, 202 for a started sync, 204 without a body', () => {
    expect(Object.keys(doc.paths['/patients'].post.responses)).toContain('201');
    expect(doc.paths['/patients'].post.responses['200']).toBeUndefined();
    expect(doc.paths['/sync-runs'].post.responses['202'].content).toBeTruthy();
    expect(doc.paths['/patients/{id}'].delete.responses['204']).toEqual({ description: 'No content' });
    expect(doc.paths['/auth/logout'].post.responses['204']).toEqual({ description: 'No content' });
  });

  it('describes every error as the Error envelope, narrowed to the codes each status can carry', () => {
    const envelope = doc.components.schemas.Error;
    expect(envelope.required).toEqual(['error', 'requestId']);
    expect(
      doc.components.schemas.AppointmentConflictError.properties.details.properties.conflictingAppointmentId,
    ).toEqual({ type: 'string', format: 'uuid' });
    const book = doc.paths['/appointments'].post.responses;
    for (const status of ['400', '401', '403', '409', '413', '415', '422', '429', '500', '503'])
      expect(book[status], status).toBeTruthy();
    const conflict = book['409'].content['application/json'].schema;
    expect(conflict.allOf[0]).toEqual({ $ref: '#/components/schemas/Error' });
    expect(conflict.allOf[1].properties.error.oneOf).toContainEqual({
      $ref: '#/components/schemas/AppointmentConflictError',
    });
    const login = doc.paths['/auth/login'].post.responses;
    expect(login['401'].description).toContain('INVALID_CREDENTIALS');
    expect(login['429']).toBeTruthy();
  });

  it('requires the version where the server does, and takes If-Match', () => {
    const put = doc.paths['/patients/{id}'].put;
    expect(doc.components.schemas.PatientsUpdateInput.required).toContain('version');
    expect(put.parameters.find((p: Doc) => p.in === 'header' && p.name === 'If-Match')).toBeTruthy();
    expect(doc.paths['/appointments/{id}'].delete.parameters.some((p: Doc) => p.name === 'If-Match')).toBe(true);
  });

  it('types what the server takes and answers: login as a union, booleans, dates, no fake integer bounds', () => {
    expect(doc.components.schemas.AuthLoginInput.anyOf ?? doc.components.schemas.AuthLoginInput.oneOf).toHaveLength(2);
    const archived = doc.paths['/patients'].get.parameters.find((p: Doc) => p.name === 'includeArchived');
    expect(archived.schema.type).toBe('boolean');
    expect(doc.components.schemas.Patient.properties.dateOfBirth.format).toBe('date');
    expect(JSON.stringify(doc)).not.toContain('9007199254740991');
  });

  it('names its components and describes every operation with a summary, a description, tags and an example', () => {
    for (const name of [
      'Patient',
      'PatientPage',
      'Appointment',
      'AppointmentPage',
      'Doctor',
      'Department',
      'Employee',
      'AuditEvent',
      'SyncRun',
      'PatientsCreateInput',
    ])
      expect(doc.components.schemas[name], name).toBeTruthy();
    const tags = new Set((doc.tags as Doc[]).map((t) => t.name));
    expect(doc.info.license.name).toBeTruthy();
    expect(doc.info.contact).toBeTruthy();
    for (const [path, item] of Object.entries(doc.paths as Doc)) {
      for (const [method, op] of Object.entries(item as Doc)) {
        const where = `${method} ${path}`;
        expect(op.summary, where).toBeTruthy();
        expect(op.description, where).toBeTruthy();
        for (const tag of op.tags) expect(tags.has(tag), `${where} tag ${tag}`).toBe(true);
        const examples = Object.values(op.responses as Doc).filter(
          (r: Doc) => r.content?.['application/json']?.example !== undefined,
        );
        expect(examples.length, where).toBeGreaterThan(0);
      }
    }
  });

  it('passes Redocly (recommended) and Spectral (spectral:oas) with no errors and no warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const redocly = await run('redocly', ['lint', file, '--format=stylish', '--max-problems=50']);
    expect(redocly.output).toContain('Your API description is valid');
    expect(redocly.output).not.toMatch(/warning|error /);
    const spectral = await run('spectral', [
      'lint',
      file,
      '--ruleset',
      join(packageDir, '.spectral.yaml'),
      '--fail-severity=hint',
    ]);
    expect(spectral.output).toContain('No results with a severity of');
    expect(spectral.code).toBe(0);
  }, 120_000);

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
