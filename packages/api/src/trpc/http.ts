import { getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.js';
import { callError, callProcedure } from './call.js';
import { contextFactory, type Services } from './context.js';
import { errorShape } from './errors.js';
import { transformer } from './transformer.js';

type ProcedureRecord = Record<string, { _def: { type: 'query' | 'mutation' | 'subscription' } } | undefined>;
type CallResult = { result: { data: unknown } } | { error: ReturnType<typeof errorShape> };

const METHOD_OF = { query: 'GET', mutation: 'POST', subscription: 'GET' } as const;

/** The calls' inputs, deserialized: `{ 0: input }`, or `{ 0: ..., 1: ... }` for a batch. */
function inputsOf(req: FastifyRequest, isBatch: boolean): Record<number, unknown> {
  let raw: unknown;
  if (req.method === 'GET') {
    const text = (req.query as Record<string, unknown>).input;
    if (typeof text === 'string' && text !== '') {
      try {
        raw = JSON.parse(text);
      } catch (cause) {
        throw new TRPCError({ code: 'PARSE_ERROR', message: '"input" is not valid JSON', cause });
      }
    }
  } else {
    raw = req.body;
  }
  if (raw === undefined) return {};
  if (!isBatch) return { 0: transformer.input.deserialize(raw) };
  if (raw === null || typeof raw !== 'object') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
  }
  const inputs: Record<number, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined) inputs[Number(key)] = transformer.input.deserialize(value);
  }
  return inputs;
}

/**
 * tRPC over HTTP under /trpc, as httpLink and httpBatchLink (the SDK) speak it: queries by GET,
 * mutations by POST with a JSON body, `?batch=1` for several calls in one request, superjson both
 * ways, answers `{ result: { data } }` or `{ error }` (an array for a batch; 207 when a batch's
 * statuses differ). Procedures run as tRPC's server-side caller runs them (trpc/call.ts): the same
 * context, middlewares, validation and error shape as with tRPC's own adapter.
 *
 * Our own route rather than @trpc/server's Fastify adapter, which turns every request into a Fetch
 * Request (headers copied, URL parsed, an AbortController) and its answer into a Fetch Response:
 * that cost the tRPC transport a third of its throughput on our hottest reads (docs/benchmarks.md).
 * Not served: streaming links (httpBatchStreamLink, SSE subscriptions), which the SDK does not use.
 */
export async function trpcHttpPlugin(app: FastifyInstance, options: { services: Services }) {
  const createContext = contextFactory(options.services);
  const procedures = appRouter._def.procedures as unknown as ProcedureRecord;

  const handler = async (req: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) => {
    const isBatch = (req.query as Record<string, unknown>).batch === '1';
    const paths = isBatch ? req.params.path.split(',') : [req.params.path];
    reply.header('vary', 'trpc-accept, accept');

    let inputs: Record<number, unknown> = {};
    let requestError: TRPCError | undefined;
    try {
      if (req.headers['trpc-accept'] === 'application/jsonl') {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Streaming responses are not served; use httpBatchLink.' });
      }
      if (req.method === 'POST' && !req.headers['content-type']?.startsWith('application/json')) {
        throw new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send mutations as application/json.' });
      }
      inputs = inputsOf(req, isBatch);
    } catch (cause) {
      requestError = getTRPCErrorFromUnknown(cause);
    }
    const ctx = requestError ? undefined : createContext({ req, res: reply });

    const results = await Promise.all(
      paths.map(async (path, index): Promise<[CallResult, number]> => {
        try {
          if (requestError || !ctx) throw requestError;
          const procedure = procedures[path];
          if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
          const method = METHOD_OF[procedure._def.type];
          if (procedure._def.type === 'subscription' || req.method !== method) {
            reply.header('allow', method);
            throw new TRPCError({
              code: 'METHOD_NOT_SUPPORTED',
              message: `Unsupported ${req.method}-request to ${procedure._def.type} procedure at path "${path}"`,
            });
          }
          const data = await callProcedure(ctx, path, inputs[index]);
          return [{ result: { data } }, 200];
        } catch (cause) {
          const shape = errorShape(callError(req, cause, 'tRPC'), path);
          return [{ error: shape }, shape.data.httpStatus];
        }
      }),
    );

    const statuses = new Set(results.map(([, status]) => status));
    const serialize = (r: CallResult) =>
      'result' in r
        ? { result: { data: transformer.output.serialize(r.result.data) } }
        : { error: transformer.output.serialize(r.error) };
    const [first] = results;
    reply
      .code(statuses.size === 1 && first ? first[1] : 207)
      .header('content-type', 'application/json')
      .send(JSON.stringify(isBatch ? results.map(([r]) => serialize(r)) : first && serialize(first[0])));
  };

  app.route({ method: ['GET', 'POST'], url: '/trpc/:path', handler });
}
