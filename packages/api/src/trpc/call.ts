import { getTRPCErrorFromUnknown, type TRPCError } from '@trpc/server';
import type { FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.js';
import { createCallerFactory } from './init.js';

export const createCaller = createCallerFactory(appRouter);

/** Calls the procedure at `path` (`patients.get`) through a server-side caller of the request's context. */
export function callProcedure(caller: object, path: string, input: unknown): Promise<unknown> {
  let at: unknown = caller;
  for (const segment of path.split('.')) at = (at as Record<string, unknown>)[segment];
  return (at as (input: unknown) => Promise<unknown>)(input);
}

/** The TRPCError for anything a call threw; a crash (INTERNAL) is logged, since the client is not told. */
export function callError(req: FastifyRequest, cause: unknown, transport: 'tRPC' | 'REST'): TRPCError {
  const error = getTRPCErrorFromUnknown(cause);
  if (error.code === 'INTERNAL_SERVER_ERROR')
    req.log.error({ err: error.cause ?? error }, `${transport} procedure failed`);
  return error;
}
