import { ERROR_CATALOG } from '@meditrack/contract';
import { callTRPCProcedure, getTRPCErrorFromUnknown } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/errors.js';
import { appRouter } from '../routers/root.js';
import { contextFactory, type Services } from '../trpc/context.js';
import { describeError } from '../trpc/errors.js';
import { IF_MATCH_VERSION, restOperations } from './openapi.js';

/** How query strings spell booleans: the document's `true`/`false`, and the usual other spellings. */
const QUERY_BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  1: true,
  0: false,
  yes: true,
  no: false,
  on: true,
  off: false,
};

/**
 * Query strings as the OpenAPI document describes them: one value per name (an array when
 * repeated), empty values left out, booleans as booleans where the document says boolean.
 */
function queryInput(query: unknown, booleans: ReadonlySet<string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value === '' || value === undefined) continue;
    const flag = booleans.has(key) && typeof value === 'string' ? QUERY_BOOLEANS[value.toLowerCase()] : undefined;
    input[key] = flag ?? value;
  }
  return input;
}

const isJson = (contentType: string | undefined) => contentType?.startsWith('application/json') ?? false;
const hasBody = (req: FastifyRequest) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The REST API under /api: a Fastify route for every operation of the OpenAPI document (which
 * trpc-to-openapi generates from the procedures), calling its procedure through tRPC's server-side
 * caller: the same context, middlewares, validation, units of work and errors as /trpc. Path
 * parameters, then the query (GET, DELETE) or the JSON body, make the input; an action without a
 * body (a check-in) needs none; an `If-Match` header gives the `version` where the input has none.
 * Each answers with the success status its procedure declares (201, 202, 204 without a body).
 *
 * The procedure is called as tRPC's HTTP handler calls it (`callTRPCProcedure`, no per-request
 * caller proxy); our GET operations are queries and the others mutations.
 *
 * Our routes rather than trpc-to-openapi's request handler, which sets coercion on every number,
 * boolean and date schema it meets (for tRPC too: STACK-NOTES) and costs a sixth of the CPU on a
 * national ID lookup (docs/benchmarks.md).
 */
export async function restPlugin(app: FastifyInstance, options: { services: Services }) {
  const createContext = contextFactory(options.services);
  for (const operation of restOperations()) {
    const { method, path, successStatus } = operation;
    const withBody = method !== 'get' && method !== 'delete';
    const type = method === 'get' ? 'query' : 'mutation';
    app.route({
      method: method.toUpperCase() as Uppercase<typeof method>,
      url: `/api${path.replace(/\{(\w+)\}/g, ':$1')}`,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        if (withBody && hasBody(req) && !isJson(req.headers['content-type'])) {
          return sendError(reply, req.id, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: `${ERROR_CATALOG.UNSUPPORTED_MEDIA_TYPE.message} Send application/json.`,
          });
        }
        const input: Record<string, unknown> = {
          ...(withBody ? (req.body as object | null | undefined) : queryInput(req.query, operation.booleanQuery)),
          ...(req.params as object),
        };
        if (operation.takesVersion && input.version === undefined) {
          const ifMatch = IF_MATCH_VERSION.exec(req.headers['if-match']?.trim() ?? '');
          if (ifMatch) input.version = Number(ifMatch[1]);
        }
        try {
          const data = await callTRPCProcedure({
            router: appRouter,
            path: operation.procedure,
            type,
            ctx: createContext({ req, res: reply }),
            getRawInput: async () => input,
            signal: undefined,
            batchIndex: 0,
          });
          reply.code(successStatus);
          return successStatus === 204 ? reply.send() : reply.send(data);
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          if (error.code === 'INTERNAL_SERVER_ERROR')
            req.log.error({ err: error.cause ?? error }, 'REST procedure failed');
          return sendError(reply, req.id, describeError(error));
        }
      },
    });
  }
}
