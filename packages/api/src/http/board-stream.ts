import { queueBoardInput } from '@meditrack/contract';
import {
  anonymousActor,
  boardEventsAfter,
  DomainError,
  queueBoard,
  translateDatabaseError,
  Work,
} from '@meditrack/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../trpc/context.js';
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
  const open = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
  });

  app.get<{ Params: { id: string }; Querystring: { lastEventId?: string } }>(
    `/api${BOARD_EVENTS_PATH.replace('{id}', ':id')}`,
    async (req, reply) => {
      const parsed = queueBoardInput.safeParse({ id: req.params.id });
      if (!parsed.success) {
        return sendError(reply, req.id, { code: 'VALIDATION_FAILED', message: 'id must be a UUID.', field: 'id' });
      }
      const work = () => Work.open(services.orm, anonymousActor, { requestId: req.id, settings: services.settings });
      const departmentId = parsed.data.id;
      let last = req.headers['last-event-id']?.toString() ?? req.query.lastEventId;
      let events: Awaited<ReturnType<typeof boardEventsAfter>>;
      try {
        await queueBoard(work(), departmentId);
        events = await boardEventsAfter(work(), departmentId, last);
      } catch (error) {
        const known = error instanceof DomainError ? error : translateDatabaseError(error);
        if (!known) throw error;
        return sendError(reply, req.id, {
          code: known.code,
          message: known.message,
          ...(known.field ? { field: known.field } : {}),
        });
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
