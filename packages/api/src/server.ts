import { randomUUID } from 'node:crypto';
import type { DomainSettings, PgConnection } from '@meditrack/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { createAccessTokens } from './auth/access-tokens.js';
import { LoginThrottle } from './auth/login-throttle.js';
import type { ApiConfig } from './config.js';
import { registerBoardStream } from './http/board-stream.js';
import { createCounterStore } from './http/counter-store.js';
import { registerDocs } from './http/docs.js';
import { registerErrorHandlers } from './http/errors.js';
import { type Readiness, registerHealthRoutes } from './http/health.js';
import { registerHygiene } from './http/hygiene.js';
import { restPlugin } from './rest/plugin.js';
import { SyncRunner } from './routers/sync/runner.js';
import type { Services } from './trpc/context.js';
import { trpcHttpPlugin } from './trpc/http.js';

export interface BuildServerOptions {
  orm: MikroORM;
  /** node-postgres settings of the same database (the sync trigger's bulk SQL runs outside the ORM). */
  connection: PgConnection;
  config: ApiConfig;
  /** false silences the log (tests); a stream receives it instead of stdout (tests that read the log). */
  logger?: boolean | { stream: NodeJS.WritableStream };
  /** The domain's clock (tests move it to an appointment's day); the real time by default. */
  now?: () => Date;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The whole HTTP surface: tRPC under /trpc, REST under /api, /openapi.json, /docs, /healthz, /readyz. */
export async function buildServer({ orm, connection, config, logger = true, now }: BuildServerOptions): Promise<{
  app: FastifyInstance;
  readiness: Readiness;
  /** What every unit of work of this server knows of the hospital (for the scheduled jobs beside it). */
  settings: DomainSettings;
}> {
  const app = Fastify({
    logger: logger && {
      level: config.env.LOG_LEVEL,
      ...(typeof logger === 'object' ? { stream: logger.stream } : {}),
      // Never log credentials, and log paths without query strings (searches carry names and national IDs).
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
      },
    },
    // A caller's request id is kept (tracing across systems) when it looks like one; otherwise ours.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.env.BODY_LIMIT_BYTES,
    requestTimeout: config.env.REQUEST_TIMEOUT_MS,
    // Behind a load balancer the client address comes from X-Forwarded-For, for as many hops as configured.
    // (A function: Fastify reads a plain number differently from proxy hops.)
    trustProxy: (_address: string, hop: number) => hop < config.env.TRUST_PROXY_HOPS,
    // Batched tRPC GETs put every procedure name in the path.
    routerOptions: { maxParamLength: 5000 },
  });

  registerErrorHandlers(app);
  const counters = createCounterStore(orm, config);
  await registerHygiene(app, config, counters);

  const services: Services = {
    orm,
    config,
    settings: {
      timeZone: config.env.HOSPITAL_TIMEZONE,
      queueUndoSeconds: config.env.QUEUE_UNDO_SECONDS,
      ...(now ? { now } : {}),
    },
    sync: new SyncRunner(connection, app.log),
    loginThrottle: new LoginThrottle(counters, config),
    accessTokens: createAccessTokens(config.jwtSecret, config.env.JWT_ACCESS_TTL_SECONDS),
  };
  app.addHook('onClose', async () => services.sync.close());
  const readiness: Readiness = { draining: false };

  await app.register(trpcHttpPlugin, { services });
  await app.register(restPlugin, { services });
  registerBoardStream(app, services);
  await registerDocs(app);
  registerHealthRoutes(app, orm, readiness);

  return { app, readiness, settings: services.settings };
}
