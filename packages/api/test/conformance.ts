/**
 * The contract's truth, held on every test: each answer the API gives during a test file (REST, and
 * tRPC where a REST operation maps the same procedure) is validated against the OpenAPI document's
 * schema for its operation and status. An undocumented status or shape fails the file.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import superjson from 'superjson';
import { openApiDocument, type RestOperation, restOperations } from '../src/rest/openapi.js';
import { answerValidator, componentValidator, validationErrors } from './document-schemas.js';

interface Answer {
  transport: 'rest' | 'trpc';
  operation: RestOperation;
  status: number;
  body: unknown;
  /** For the failure message: what was asked. */
  request: string;
}

const answers: Answer[] = [];
const byRoute = new Map(
  restOperations().map((op) => [`${op.method.toUpperCase()} /api${op.path.replace(/\{(\w+)\}/g, ':$1')}`, op]),
);
const byProcedure = new Map(restOperations().map((op) => [op.procedure, op]));

const json = (text: unknown): unknown => {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** tRPC's answer for one call: its data as JSON (dates as ISO strings, as REST sends them), or its error envelope. */
function trpcAnswer(item: unknown): { status: number | undefined; body: unknown } | undefined {
  const entry = item as {
    result?: { data?: { json: unknown; meta?: unknown } };
    error?: { json?: { data?: { httpStatus?: number; error?: unknown } } };
  };
  if (entry.result?.data) {
    const data = superjson.deserialize(entry.result.data as Parameters<typeof superjson.deserialize>[0]);
    return { status: undefined, body: JSON.parse(JSON.stringify(data ?? null)) };
  }
  const data = entry.error?.json?.data;
  if (!data?.error) return undefined;
  return { status: data.httpStatus, body: { error: data.error, requestId: 'trpc' } };
}

/** Records every answer of `app` under /api and /trpc (a test-only hook through Fastify's public API). */
export function recordAnswers(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    // The recorder must never change an answer: a failure to read one is a finding, not a 500.
    try {
      record(req, reply, payload);
    } catch (error) {
      answersUnread.push(`${req.method} ${req.url}: ${String(error)}`);
    }
    return payload;
  });
}

const answersUnread: string[] = [];

function record(req: FastifyRequest, reply: FastifyReply, payload: unknown): void {
  const url = req.url.split('?')[0] ?? '';
  if (url.startsWith('/api/')) {
    const operation = byRoute.get(`${req.method} ${req.routeOptions.url}`);
    if (operation)
      answers.push({
        transport: 'rest',
        operation,
        status: reply.statusCode,
        body: json(payload),
        request: `${req.method} ${req.url}`,
      });
  } else if (url.startsWith('/trpc/') && String(reply.getHeader('content-type')).startsWith('application/json')) {
    const paths = decodeURIComponent(url.slice('/trpc/'.length)).split(',');
    const parsed = json(payload);
    const items = Array.isArray(parsed) ? parsed : [parsed];
    if (items.length !== paths.length) return;
    paths.forEach((path, i) => {
      const operation = byProcedure.get(path);
      const answer = trpcAnswer(items[i]);
      if (!operation || !answer) return;
      answers.push({
        transport: 'trpc',
        operation,
        status: answer.status ?? operation.successStatus,
        body: answer.body,
        request: `tRPC ${path}`,
      });
    });
  }
}

const TRPC_TRANSPORT_CODES = new Set([
  'MALFORMED_JSON',
  'BATCH_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
]);
const errorCodeOf = (body: unknown) => String((body as { error?: { code?: unknown } } | undefined)?.error?.code);

/** Every recorded answer against the document; the problems found, one line each. */
export function conformanceProblems(): string[] {
  const problems: string[] = answersUnread.splice(0).map((line) => `unreadable answer ${line}`);
  const document = openApiDocument();
  for (const answer of answers.splice(0)) {
    const { operation: op, status } = answer;
    const where = `${answer.transport} ${answer.request} -> ${status} (${op.method.toUpperCase()} ${op.path})`;
    const documented = document.paths?.[op.path]?.[op.method]?.responses?.[String(status)] as
      | { content?: unknown }
      | undefined;
    // tRPC's own transport refusals (a batch too large, unreadable `?input=`) are not REST answers:
    // their body must still be the error envelope.
    const transportOnly = answer.transport === 'trpc' && TRPC_TRANSPORT_CODES.has(errorCodeOf(answer.body));
    if (!documented && !transportOnly) {
      problems.push(`${where}: status not documented ${JSON.stringify(answer.body).slice(0, 200)}`);
      continue;
    }
    if (documented && !documented.content) {
      if (answer.transport === 'rest' && answer.body !== undefined)
        problems.push(`${where}: documented without a body`);
      continue;
    }
    const validate = transportOnly ? componentValidator('Error') : answerValidator(op.path, op.method, status);
    if (!validate(answer.body))
      problems.push(`${where}: ${validationErrors(validate)} in ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return problems;
}
