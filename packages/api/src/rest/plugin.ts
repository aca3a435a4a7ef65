import type { FastifyInstance } from 'fastify';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { appRouter } from '../routers/root.js';
import { type Context, contextFactory, type Services } from '../trpc/context.js';
import type { Meta } from '../trpc/init.js';

type ProcedureRecord = Record<string, { _def: { meta?: Meta } } | undefined>;

/** 201 for creations, 204 for deletions, as each procedure's meta says. */
function successStatusOf(path: string | undefined): number | undefined {
  if (!path) return undefined;
  return (appRouter._def.procedures as unknown as ProcedureRecord)[path]?._def.meta?.successStatus;
}

/** The REST API under /api: the same procedures as tRPC, through trpc-to-openapi. */
export async function restPlugin(app: FastifyInstance, options: { services: Services }) {
  // trpc-to-openapi answers errors as `{ ...errorShape, message, code, issues }`: reshape them to our
  // one REST error format, taken from the shape's `data.error` (see trpc/init.ts errorFormatter).
  app.addHook('onSend', async (req, reply, payload) => {
    // (Scoped to this plugin, so only REST routes pass here; the adapter rewrites req.url, so it is not checked.)
    if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
    try {
      const body = JSON.parse(payload) as { data?: { error?: unknown } };
      if (body?.data?.error) return JSON.stringify({ error: body.data.error, requestId: req.id });
    } catch {
      // Not JSON: leave it.
    }
    return payload;
  });

  await app.register(fastifyTRPCOpenApiPlugin, {
    basePath: '/api',
    router: appRouter,
    createContext: contextFactory(options.services) as never,
    responseMeta: ({ paths, errors }: { paths?: string[]; errors: unknown[] }) => {
      const status = errors.length === 0 ? successStatusOf(paths?.[0]) : undefined;
      return status ? { status } : {};
    },
    onError: ({ error, ctx }: { error: { code: string; cause?: unknown }; ctx?: Context }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR')
        ctx?.req.log.error({ err: error.cause ?? error }, 'REST procedure failed');
    },
  } as never);
}
