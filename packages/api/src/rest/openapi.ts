import { ERROR_CATALOG, type ErrorCode, errorResponse, errorSchemaName } from '@meditrack/contract';
import { sample } from 'openapi-sampler';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { z } from 'zod';
import { BOARD_EVENTS_PATH } from '../http/board-stream.js';
import { appRouter } from '../routers/root.js';
import type { Meta } from '../trpc/init.js';
import type { SuccessStatus } from '../trpc/rest.js';
import { byStatus, errorCodesOf } from './responses.js';

/** One REST operation: its route, its procedure and how it answers. */
export interface RestOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, relative to /api: `/patients/{id}`. */
  path: string;
  /** The tRPC procedure's dotted path: `patients.get`. */
  procedure: string;
  summary: string;
  description: string;
  successStatus: SuccessStatus;
  /** Query parameters the document types as booleans (query strings carry them as text). */
  booleanQuery: ReadonlySet<string>;
  /** The input has a `version`: an `If-Match` header supplies it when the client sends none. */
  takesVersion: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: generated OpenAPI JSON is walked as data
type Json = any;

const TAGS = [
  { name: 'auth', description: 'Logging in and out, tokens, the current user, staff accounts.' },
  { name: 'patients', description: 'Patients (national ID / NIK), their medical history and appointments.' },
  { name: 'doctors', description: 'Doctors, their weekly hours and time off, free slots.' },
  { name: 'departments', description: 'Departments (clinics) and their day.' },
  { name: 'employees', description: 'Staff records and their roles.' },
  { name: 'appointments', description: 'Booking, rescheduling, check-in, completion, cancellation.' },
  {
    name: 'visit-types',
    description: 'Kinds of visit a department offers and their booking rules (length, buffers, capacity, quota).',
  },
  { name: 'queue', description: "The daily queue: tickets for arrived patients, a department's queue." },
  { name: 'audit-events', description: 'Who read or changed what, and when.' },
  { name: 'sync-runs', description: 'The daily vaccination sync from BigQuery.' },
];

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** zod writes ±2^53-1 on every integer; they say nothing a client can use. */
function dropFakeBounds(node: Json): void {
  if (Array.isArray(node)) {
    for (const item of node) dropFakeBounds(item);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Math.abs(node.minimum) === SAFE_INTEGER) delete node.minimum;
  if (Math.abs(node.maximum) === SAFE_INTEGER) delete node.maximum;
  for (const value of Object.values(node)) dropFakeBounds(value);
}

/**
 * An input component's defaults as words: code generators read `default` as "always present" for
 * a named schema (openapi-typescript's defaultNonNullable), which would make clients send fields
 * the server fills in itself.
 */
function defaultsAsText(node: Json): Json {
  if (Array.isArray(node)) return node.map(defaultsAsText);
  if (node === null || typeof node !== 'object') return node;
  const { default: fallback, ...rest } = node;
  const out: Json = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, defaultsAsText(value)]));
  if (fallback !== undefined)
    out.description = `${out.description ? `${out.description} ` : ''}Default: ${JSON.stringify(fallback)}.`;
  return out;
}

/** `patients-create` -> `PatientsCreate`. */
const pascal = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

function jsonSchemaOf(schema: z.core.$ZodType): Json {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return json;
}

/** The `Error` envelope, its `error` narrowed to the codes this operation answers with this status. */
function errorResponseOf(codes: ErrorCode[]): Json {
  const [first] = codes;
  const members = codes.map((code) => ({ $ref: `#/components/schemas/${errorSchemaName(code)}` }));
  return {
    description: codes.map((code) => `\`${code}\`: ${ERROR_CATALOG[code].message}`).join(' '),
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: '#/components/schemas/Error' },
            { type: 'object', properties: { error: members.length === 1 ? members[0] : { oneOf: members } } },
          ],
        },
        ...(first
          ? { example: { error: { code: first, message: ERROR_CATALOG[first].message }, requestId: 'req-1' } }
          : {}),
      },
    },
  };
}

/** An `If-Match` the API reads as a version: `3`, `"3"` or `W/"3"`. */
export const IF_MATCH_VERSION = /^(?:W\/)?"?(\d+)"?$/;

const IF_MATCH = {
  in: 'header',
  name: 'If-Match',
  required: false,
  description:
    'The version the change is based on (`"3"` or `3`), for clients that send conditional requests: used when the input has no `version`.',
  schema: { type: 'string', pattern: IF_MATCH_VERSION.source },
  example: '"3"',
};

function build(): { document: OpenAPIObject; operations: RestOperation[] } {
  const metas = new Map<string, Meta>();
  const document: Json = generateOpenApiDocument(appRouter, {
    title: 'MediTrack API',
    version: '1.0.0',
    description:
      'Hospital management: patients, doctors, departments, employees, appointments and their audit trail. ' +
      'Log in with `POST /api/auth/login` and send `Authorization: Bearer <accessToken>`. Every error answers ' +
      'the `Error` schema: `{ "error": { "code", "message", "field"?, "issues"?, "details"? }, "requestId" }`, ' +
      'with the HTTP status its code implies; each operation lists the codes it can answer.',
    license: {
      name: 'UNLICENSED (proprietary)',
      url: 'https://docs.npmjs.com/cli/v11/configuring-npm/package-json#license',
    },
    contact: { name: 'MediTrack API team', email: 'api-team@meditrack.example' },
    baseUrl: '/api',
    securitySchemes: { Authorization: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    // trpc-to-openapi's option type asks for a classic zod schema and the contract's are typed as
    // zod/mini (packages/contract/tsup.config.ts): the same shape and metadata, in a classic object.
    defs: { Error: z.strictObject(errorResponse.shape).meta(z.globalRegistry.get(errorResponse) ?? {}) },
    // Called once per procedure with its metadata (the library's public API): statuses come from it.
    filter: ({ metadata }) => {
      metas.set(`${metadata.openapi.method} ${metadata.openapi.path}`, metadata as Meta);
      return true;
    },
  });
  document.tags = TAGS;
  // zod-openapi names the components; tRPC's own error schemas are not what this server answers.
  for (const name of Object.keys(document.components.schemas)) {
    if (name.startsWith('error.')) delete document.components.schemas[name];
  }
  dropFakeBounds(document);

  const operations: RestOperation[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const meta = metas.get(`${method.toUpperCase()} ${path}`);
      if (!meta) throw new Error(`no procedure metadata for ${method} ${path}`);
      const successStatus = meta.successStatus ?? 200;
      const parameters: Json[] = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      const takesVersion =
        Boolean(body?.properties?.version) || parameters.some((p) => p.in === 'query' && p.name === 'version');

      if (meta.access === 'public') op.security = [];
      if (takesVersion) op.parameters = [...parameters, IF_MATCH];
      if (body) {
        // Every body a named component (`PatientsCreateInput`), shown as the procedure's input or its union.
        const shown = defaultsAsText(meta.requestSchema ? jsonSchemaOf(meta.requestSchema) : body);
        const name = `${pascal(op.operationId)}Input`;
        document.components.schemas[name] = shown;
        op.requestBody.content['application/json'] = {
          schema: { $ref: `#/components/schemas/${name}` },
          example: sample(shown, { enablePatterns: true }, document),
        };
      }
      const success = op.responses['200'];
      const schema = success?.content?.['application/json']?.schema;
      op.responses = {
        [successStatus]:
          successStatus === 204 || !schema
            ? { description: 'No content' }
            : {
                description: { 200: 'OK', 201: 'Created', 202: 'Accepted: started in the background' }[successStatus],
                content: {
                  'application/json': { schema, example: sample(schema, { enablePatterns: true }, document) },
                },
              },
      };
      for (const [status, codes] of byStatus(errorCodesOf({ method, path, meta })))
        op.responses[status] = errorResponseOf(codes);
      operations.push({
        method,
        path,
        procedure: op.operationId.replaceAll('-', '.'),
        summary: op.summary,
        description: op.description,
        successStatus,
        booleanQuery: new Set(
          parameters.filter((p) => p.in === 'query' && p.schema?.type === 'boolean').map((p) => p.name),
        ),
        takesVersion,
      });
    }
  }
  document.paths[BOARD_EVENTS_PATH] = boardEventsOperation(metas.get('GET /departments/{id}/board'));
  return { document, operations };
}

/**
 * The board's event stream (http/board-stream.ts): not a procedure (it streams), so described
 * here, with the statuses of the board snapshot's procedure, whose input and access it shares.
 */
function boardEventsOperation(board: Meta | undefined): Json {
  if (!board) throw new Error('no procedure metadata for the board snapshot');
  const path = BOARD_EVENTS_PATH;
  const responses: Json = {
    200: {
      description:
        'Server-sent events, one per change of a ticket on the board (`event: ticket`), each with an `id` to resume from and a `BoardTicket` and its `id` as `data`; a comment line every 15 s keeps the stream open.',
      content: {
        'text/event-stream': {
          schema: { type: 'string' },
          example:
            'id: 2026-12-07/3\nevent: ticket\ndata: {"id":"2026-12-07/3","code":"012","number":12,"priority":"regular","status":"called","desk":"Room 2","at":"2026-12-07T02:15:00.000Z"}\n\n',
        },
      },
    },
  };
  for (const [status, codes] of byStatus(errorCodesOf({ method: 'get', path, meta: board })))
    responses[status] = errorResponseOf(codes);
  return {
    get: {
      operationId: 'queue-boardEvents',
      summary: 'A department’s waiting-room board as a live stream (public)',
      description:
        "Server-sent events of a department's board today, no login needed: each ticket's number, status and desk after every change, within half a second, never who the patient is. Reconnecting with `Last-Event-ID` (browsers do it themselves; or `?lastEventId=`) continues after that event, so nothing is missed; start from a snapshot's `lastEventId` (GET /departments/{id}/board).",
      tags: ['queue'],
      security: [],
      parameters: [
        { in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } },
        {
          in: 'header',
          name: 'Last-Event-ID',
          required: false,
          description: 'The last event seen: the stream continues after it.',
          schema: { type: 'string' },
          example: '2026-12-07/3',
        },
        {
          in: 'query',
          name: 'lastEventId',
          required: false,
          description: 'The same as `Last-Event-ID`, for clients that cannot set headers.',
          schema: { type: 'string' },
          example: '2026-12-07/3',
        },
      ],
      responses,
    },
  };
}

let built: ReturnType<typeof build> | undefined;

/** The OpenAPI 3.1 document of the REST API, generated from the procedures, their metadata and zod schemas. */
export function openApiDocument(): OpenAPIObject {
  built ??= build();
  return built.document;
}

/** Every REST operation, as the document describes it: what the REST plugin serves. */
export function restOperations(): RestOperation[] {
  built ??= build();
  return built.operations;
}
