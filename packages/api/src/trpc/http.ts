import { DomainError } from '@meditrack/domain';
import { TRPCError } from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import superjson from 'superjson';
import { appRouter } from '../routers/root.js';
import { contextFactory, type Services } from './context.js';
import { errorShape } from './errors.js';

/**
 * tRPC over HTTP under /trpc, served by tRPC's own Fastify request handler (queries by GET,
 * mutations by POST, `?batch=1`, superjson, streaming links). Each call of a batch runs in its own
 * unit of work (trpc/init.ts); a batch holds at most TRPC_MAX_BATCH_SIZE calls (413 past it) and
 * counts as that many requests for the rate limit (http/rate-limit.ts).
 */
export async function trpcHttpPlugin(app: FastifyInstance, options: { services: Services }) {
  const createContext = contextFactory(options.services);
  const maxBatchSize = options.services.config.env.TRPC_MAX_BATCH_SIZE;

  const tooLarge = (reply: FastifyReply, calls: number) => {
    const cause = new DomainError('BATCH_TOO_LARGE', {
      message: `A batch may hold at most ${maxBatchSize} calls; this one holds ${calls}.`,
      details: { maxBatchSize, calls },
    });
    const shape = errorShape(new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: cause.message, cause }), undefined);
    return reply
      .code(413)
      .header('content-type', 'application/json')
      .send({ error: superjson.serialize(shape) });
  };

  app.route({
    method: ['GET', 'POST'],
    url: '/trpc/:path',
    handler: async (req: FastifyRequest<{ Params: { path: string } }>, reply) => {
      const path = req.params.path;
      const calls = path.split(',').length;
      if ((req.query as Record<string, unknown>).batch === '1' && calls > maxBatchSize) return tooLarge(reply, calls);
      await fastifyRequestHandler({
        router: appRouter,
        createContext,
        req,
        res: reply,
        path,
        maxBatchSize,
        onError: ({ error, path: failed }) => {
          // A crash: the client is told nothing of it, the log is.
          if (error.code === 'INTERNAL_SERVER_ERROR')
            req.log.error({ err: error.cause ?? error, path: failed }, 'tRPC procedure failed');
        },
      });
      return reply;
    },
  });
}
