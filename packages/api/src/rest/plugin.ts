import { ERROR_CATALOG } from '@meditrack/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../http/errors.js';
import { appRouter } from '../routers/root.js';
import { callError, callProcedure } from '../trpc/call.js';
import { contextFactory, type Services } from '../trpc/context.js';
import { describeError } from '../trpc/errors.js';
import type { Meta } from '../trpc/init.js';

type ProcedureRecord = Record<string, { _def: { meta?: Meta } }>;
/**
 * Query strings as the OpenAPI document describes them: one value per name (an array when
 * repeated), empty values left out.
 */
function queryInput(query: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (value !== '' && value !== undefined) input[key] = value;
  }
  return input;
}

const isJson = (contentType: string | undefined) => contentType?.startsWith('application/json') ?? false;

/**
 * The REST API under /api: a Fastify route for every procedure with REST metadata (the same
 * metadata the OpenAPI document is generated from), calling the procedure as tRPC's server-side
 * caller does (trpc/call.ts), with the same context, middlewares, validation and errors as /trpc.
 *
 * Our own adapter rather than trpc-to-openapi's: that one matched routes itself, re-applied
 * coercion to the zod schemas, bound a dozen functions onto the request and created an abort
 * signal whose DOMException fired on every response, about a sixth of the API's CPU on a national
 * ID lookup (docs/benchmarks.md). trpc-to-openapi still generates the OpenAPI document.
 */
export async function restPlugin(app: FastifyInstance, options: { services: Services }) {
  const createContext = contextFactory(options.services);
  const procedures = appRouter._def.procedures as unknown as ProcedureRecord;

  for (const [path, procedure] of Object.entries(procedures)) {
    const meta = procedure._def.meta;
    if (!meta?.openapi) continue;
    const { method, path: restPath } = meta.openapi;
    const withBody = method !== 'GET' && method !== 'DELETE';
    const successStatus = meta.successStatus ?? 200;

    app.route({
      method,
      url: `/api${restPath.replace(/\{(\w+)\}/g, ':$1')}`,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        if (withBody && !isJson(req.headers['content-type'])) {
          return sendError(reply, req.id, {
            code: 'UNSUPPORTED_MEDIA_TYPE',
            message: `${ERROR_CATALOG.UNSUPPORTED_MEDIA_TYPE.message} Send application/json.`,
          });
        }
        const input = {
          ...(withBody ? (req.body as object | null) : queryInput(req.query)),
          ...(req.params as object),
        };
        try {
          const data = await callProcedure(createContext({ req, res: reply }), path, input);
          reply.code(successStatus);
          return successStatus === 204 ? reply.send() : reply.send(data);
        } catch (cause) {
          return sendError(reply, req.id, describeError(callError(req, cause, 'REST')));
        }
      },
    });
  }
}
