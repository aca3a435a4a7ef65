import { callTRPCProcedure, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SuperJSONResult } from 'superjson';
import { appRouter } from '../routers/root.js';
import type { Context } from './context.js';
import { errorShape } from './errors.js';
import { transformer } from './init.js';

type Json = SuperJSONResult['json'];

/** One call as httpLink sends it, or as httpBatchLink sends a batch of one. */
export interface SingleCall {
  path: string;
  type: 'query' | 'mutation';
  batch: boolean;
  /** The call's JSON input as sent (before the transformer), read on demand as tRPC does. */
  sent: () => Json | undefined;
}

/** The route's request: Fastify's JSON parser gives the body (`Body` as parsed JSON). */
export type TrpcRequest = FastifyRequest<{
  Params: { path: string };
  Querystring: Record<string, string | string[] | undefined>;
  Body: Json | undefined;
}>;

const isPlainObject = (value: Json): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** superjson's envelope; its `meta` is checked by superjson as it reads it. */
const isEnvelope = (value: Json): value is SuperJSONResult & Json => isPlainObject(value) && 'json' in value;

/** superjson's `{ json, meta }`. tRPC's handler reads any other value, but null, as no input. */
function fromEnvelope(value: Json): unknown {
  if (value === null) throw new TypeError('The input is null, not a superjson value.');
  return isEnvelope(value) ? transformer.input.deserialize(value) : undefined;
}

const asksForStream = (req: FastifyRequest) =>
  [req.headers['trpc-accept'], req.headers.accept].some(
    (h) => typeof h === 'string' && h.includes('application/jsonl'),
  );

/**
 * The single call a request holds, when it is one this module answers: a query by GET or a mutation
 * by a JSON POST, not streamed. Anything else (several calls, streaming links, subscriptions' connection
 * parameters, form data) is left to tRPC's own handler.
 */
export function singleCallOf(req: TrpcRequest): SingleCall | undefined {
  const { path } = req.params;
  const query = req.query;
  if (path.includes(',') || asksForStream(req) || query.connectionParams !== undefined) return undefined;
  const batch = query.batch === '1';
  if (req.method === 'GET') {
    const text = query.input;
    if (text !== undefined && typeof text !== 'string') return undefined;
    return { path, type: 'query', batch, sent: (): Json | undefined => (text ? JSON.parse(text) : undefined) };
  }
  if (req.method === 'POST' && req.headers['content-type']?.startsWith('application/json') && req.body !== undefined) {
    const body = req.body;
    return { path, type: 'mutation', batch, sent: () => body };
  }
  return undefined;
}

/** The call's input as tRPC's handler reads it: a batch's entry "0", through the transformer; a bad input is a 400. */
function readInput(call: SingleCall): unknown {
  try {
    const sent = call.sent();
    if (sent === undefined) return undefined;
    if (!call.batch) return fromEnvelope(sent);
    if (!isPlainObject(sent)) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: '"input" needs to be an object when doing a batch call' });
    }
    const entry = sent['0'];
    return entry === undefined ? undefined : fromEnvelope(entry);
  } catch (cause) {
    if (cause instanceof TRPCError) throw cause;
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: cause instanceof Error ? cause.message : 'Invalid input',
      cause,
    });
  }
}

const isStreamLike = (data: unknown) =>
  typeof data === 'object' && data !== null && (Symbol.asyncIterator in data || data instanceof ReadableStream);

/**
 * Answers one call exactly as tRPC's HTTP handler does (same procedure call, statuses, superjson
 * envelope and error shape, `[...]` for a batch of one), without building a web `Request` and
 * streaming a web `Response` for it: on small answers those layers cost a third of the API's CPU
 * per call (docs/benchmarks.md). False when the path names no procedure of the call's type: tRPC's
 * handler then answers (404, or 405 with `Allow`), before anything ran.
 */
export async function answerSingleCall(
  call: SingleCall,
  ctx: Context,
  reply: FastifyReply,
  onError: (error: TRPCError) => void,
): Promise<boolean> {
  let status = 200;
  let item: { result: { data: unknown } } | { error: unknown };
  try {
    const data = await callTRPCProcedure({
      router: appRouter,
      path: call.path,
      type: call.type,
      ctx,
      getRawInput: async () => readInput(call),
      signal: undefined,
      batchIndex: 0,
    });
    if (isStreamLike(data)) {
      throw new TRPCError({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink',
      });
    }
    item = { result: { data: transformer.output.serialize(data) } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    const noProcedure = `No "${call.type}"-procedure on path "${call.path}"`;
    if (error.code === 'NOT_FOUND' && error.cause === undefined && error.message === noProcedure) return false;
    onError(error);
    status = getHTTPStatusCodeFromError(error);
    item = { error: transformer.output.serialize(errorShape(error, call.path)) };
  }
  const vary = reply.getHeader('vary');
  reply
    .code(status)
    .header('vary', vary ? `${String(vary)}, trpc-accept, accept` : 'trpc-accept, accept')
    .type('application/json')
    .send(JSON.stringify(call.batch ? [item] : item));
  return true;
}
