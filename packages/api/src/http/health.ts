import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';

export interface Readiness {
  /** Set when shutting down: /readyz turns unready before the server stops accepting. */
  draining: boolean;
}

async function databaseAnswers(orm: MikroORM, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      orm.em
        .getConnection()
        .execute('select 1')
        .then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is up. /readyz: it can serve (database reachable, not draining). */
export function registerHealthRoutes(app: FastifyInstance, orm: MikroORM, readiness: Readiness) {
  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { logLevel: 'warn' }, async (_req, reply) => {
    if (readiness.draining) return reply.code(503).send({ status: 'draining' });
    const database = await databaseAnswers(orm, 2000);
    return reply.code(database ? 200 : 503).send({ status: database ? 'ready' : 'unready', database });
  });
}
