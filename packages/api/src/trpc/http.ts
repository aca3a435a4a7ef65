import { DomainError } from '@meditrack/domain';
import { TRPCError } from '@trpc/server';
import { type CreateFastifyContextOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appRouter } from '../routers/root.js';
import { contextFactory, type Services } from './context.js';
import { answerSingleCall, singleCallOf, type TrpcRequest } from './single-call.js';

/**
 * tRPC over HTTP under /trpc, served by tRPC's own Fastify request handler (queries by GET,
 * mutations by POST, `?batch=1`, superjson, streaming links); a request holding one call, what the
 * SDK sends for nearly every call, is answered the same way by trpc/single-call.ts without the
 * handler's fetch-API layers. Each call of a batch runs in its own
 * unit of work (trpc/init.ts); a batch holds at most TRPC_MAX_BATCH_SIZE calls (413
 * BATCH_TOO_LARGE past it, in tRPC's own error envelope) and counts as that many requests for the
 * rate limit (http/rate-limit.ts).
 */
export async function trpcHttpPlugin(app: FastifyInstance, options: { services: Services }) {
  const context = contextFactory(options.services);
  const maxBatchSize = options.services.config.env.TRPC_MAX_BATCH_SIZE;

  const createContext = ({ req, res, info }: CreateFastifyContextOptions) => {
    if (info.isBatchCall && info.calls.length > maxBatchSize) {
      const cause = new DomainError('BATCH_TOO_LARGE', {
        message: `A batch may hold at most ${maxBatchSize} calls; this one holds ${info.calls.length}.`,
        details: { maxBatchSize, calls: info.calls.length },
      });
      throw new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: cause.message, cause });
    }
    return context({ req, res });
  };

  // A crash: the client is told nothing of it, the log is.
  const logCrash = (req: FastifyRequest, error: TRPCError, path: string | undefined) => {
    if (error.code === 'INTERNAL_SERVER_ERROR')
      req.log.error({ err: error.cause ?? error, path }, 'tRPC procedure failed');
  };

  app.route({
    method: ['GET', 'POST'],
    url: '/trpc/:path',
    handler: async (req: TrpcRequest, reply) => {
      const call = singleCallOf(req);
      if (
        call &&
        (await answerSingleCall(call, context({ req, res: reply }), reply, (e) => logCrash(req, e, call.path)))
      )
        return reply;
      await fastifyRequestHandler({
        router: appRouter,
        createContext,
        req,
        res: reply,
        path: req.params.path,
        onError: ({ error, path }) => logCrash(req, error, path),
      });
      return reply;
    },
  });
}
