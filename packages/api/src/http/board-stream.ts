import { anonymousActor, boardEventsAfter, Work } from '@meditrack/domain';
import { callTRPCProcedure, getTRPCErrorFromUnknown } from '@trpc/server';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { appRouter } from '../routers/root.js';
import { contextFactory, type Services } from '../trpc/context.js';
import { describeError, mapThrownError } from '../trpc/errors.js';
import { sendError } from './errors.js';

/** How often an open stream looks for new board events: each step reaches the screen within this. */
export const BOARD_POLL_MS = 500;
/** A comment line this often keeps proxies from closing an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** The path of a department board's event stream (documented in rest/openapi.ts). */
export const BOARD_EVENTS_PATH = '/departments/{id}/board/events';

/**
 * GET /api/departments/{id}/board/events: a waiting-room board as server-sent events, no login
 * needed. Each event is a ticket's number, status and desk after a change (never who the patient
 * is), with an id (`2031-03-03/17`); a client that reconnects with `Last-Event-ID` (browsers do it
 * themselves) gets every event after it. Every replica reads the database's event log, so a change
 * made through another replica arrives as well, within BOARD_POLL_MS.
 */
export function registerBoardStream(app: FastifyInstance, services: Services) {
  const createContext = contextFactory(services);
  const open = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
  });

  app.get<{ Params: { id: string }; Querystring: { lastEventId?: string } }>(
    `/api${BOARD_EVENTS_PATH.replace('{id}', ':id')}`,
    async (req, reply) => {
      const work = () => Work.open(services.orm, anonymousActor, { requestId: req.id, settings: services.settings });
      const departmentId = req.params.id;
      let last = req.headers['last-event-id']?.toString() ?? req.query.lastEventId;
      let events: Awaited<ReturnType<typeof boardEventsAfter>>;
      try {
        // The stream opens where the board's snapshot would answer: its procedure checks the id and
        // the department, with the same refusals, rendered as the REST routes render them.
        await callTRPCProcedure({
          router: appRouter,
          path: 'queue.board',
          type: 'query',
          ctx: createContext({ req, res: reply }),
          getRawInput: async () => ({ id: departmentId }),
          signal: undefined,
          batchIndex: 0,
        });
        events = await boardEventsAfter(work(), departmentId, last);
      } catch (cause) {
        const thrown = getTRPCErrorFromUnknown(cause);
        const error = mapThrownError(thrown) ?? thrown;
        if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error }, 'board stream failed');
        return sendError(reply, req.id, describeError(error));
      }

      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      open.add(reply);
      const send = (batch: typeof events) => {
        for (const event of batch) {
          reply.raw.write(`id: ${event.id}\nevent: ticket\ndata: ${JSON.stringify(event)}\n\n`);
          last = event.id;
        }
      };
      reply.raw.write(`retry: 2000\n\n`);
      send(events);
      let polling = false;
      const poll = setInterval(async () => {
        if (polling) return;
        polling = true;
        try {
          send(await boardEventsAfter(work(), departmentId, last));
        } catch (error) {
          req.log.warn({ err: error }, 'board stream: reading events failed; the next poll tries again');
        } finally {
          polling = false;
        }
      }, BOARD_POLL_MS);
      const keepAlive = setInterval(() => reply.raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      reply.raw.on('close', () => {
        clearInterval(poll);
        clearInterval(keepAlive);
        open.delete(reply);
      });
    },
  );
}
