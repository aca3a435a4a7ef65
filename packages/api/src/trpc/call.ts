import { type AnyMiddlewareFunction, type AnyProcedure, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import type { FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.js';
import type { Context } from './context.js';
import { createCallerFactory } from './init.js';

/** tRPC's own server-side caller: tests compare `callProcedure` with it. */
export const createCaller = createCallerFactory(appRouter);

/** A procedure as tRPC builds it: its `_def` also holds the middleware chain, which its types leave out. */
type BuiltProcedure = {
  _def: { type: AnyProcedure['_def']['type']; meta: unknown; middlewares: AnyMiddlewareFunction[] };
};
const procedures = appRouter._def.procedures as unknown as Record<string, BuiltProcedure | undefined>;
for (const [path, procedure] of Object.entries(procedures)) {
  // Fails at start-up, not per request, if a tRPC upgrade moves the chain.
  if (!Array.isArray(procedure?._def.middlewares)) throw new Error(`procedure ${path}: no middleware chain in _def`);
}

/** What each middleware level receives: the fields tRPC's caller passes, plus `meta` and `next`. */
interface LevelOptions {
  ctx: object;
  input: unknown;
  getRawInput: () => Promise<unknown>;
  path: string;
  type: AnyProcedure['_def']['type'];
  signal: undefined;
  batchIndex: number;
}
type LevelResult = { ok: true; data: unknown } | { ok: false; error: TRPCError };
type NextOptions = { ctx?: object; input?: unknown; getRawInput?: () => Promise<unknown> } | undefined;

/** tRPC's result brand on a middleware's failure; nothing reads it but the types. */
const marker = 'middlewareMarker';

async function runLevel(middlewares: AnyMiddlewareFunction[], index: number, meta: unknown, opts: LevelOptions) {
  try {
    const middleware = middlewares[index] as unknown as (o: object) => Promise<LevelResult>;
    return await middleware({
      ...opts,
      meta,
      next: (next: NextOptions) =>
        runLevel(middlewares, index + 1, meta, {
          ...opts,
          ctx: next?.ctx ? { ...opts.ctx, ...next.ctx } : opts.ctx,
          input: next && 'input' in next ? next.input : opts.input,
          getRawInput: next?.getRawInput ?? opts.getRawInput,
        }),
    });
  } catch (cause) {
    return { ok: false as const, error: getTRPCErrorFromUnknown(cause), marker };
  }
}

/**
 * Calls the procedure at `path` (`patients.get`) with the request's context. It runs the procedure's
 * middlewares (tRPC's error formatter, our guard, tRPC's input and output validators, the resolver)
 * exactly as tRPC's server-side caller does (`callRecursive`), except that each level's options are
 * a native object spread: tRPC's build copies them with a property-by-property helper
 * (`_objectSpread2`), which was ~10% of the API's CPU on a patient search (docs/benchmarks.md).
 * A test checks that both callers agree on results and errors.
 */
export async function callProcedure(ctx: Context, path: string, input: unknown): Promise<unknown> {
  const procedure = procedures[path];
  if (!procedure) throw new TRPCError({ code: 'NOT_FOUND', message: `No procedure found on path "${path}"` });
  const def = procedure._def;
  const result = await runLevel(def.middlewares, 0, def.meta, {
    ctx,
    input: undefined,
    getRawInput: async () => input,
    path,
    type: def.type,
    signal: undefined,
    batchIndex: 0,
  });
  if (!result) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'No result from middlewares' });
  if (!result.ok) throw result.error;
  return result.data;
}

/** The TRPCError for anything a call threw; a crash (INTERNAL) is logged, since the client is not told. */
export function callError(req: FastifyRequest, cause: unknown, transport: 'tRPC' | 'REST'): TRPCError {
  const error = getTRPCErrorFromUnknown(cause);
  if (error.code === 'INTERNAL_SERVER_ERROR')
    req.log.error({ err: error.cause ?? error }, `${transport} procedure failed`);
  return error;
}
