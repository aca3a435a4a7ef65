import { auditEventPage, listAuditEventsInput } from '@meditrack/contract';
import { listAuditEvents } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/audit-events (admins). The trail is read-only: no route changes or deletes it. */
export const list = permissionProcedure('audit:read')
  .meta(
    rest('GET', '/audit-events', {
      description: 'The audit trail page by page, newest first by default: by record, actor, action, request or time.',
      summary: 'List audit events',
    }),
  )
  .input(listAuditEventsInput)
  .output(auditEventPage)
  .query(({ ctx, input }) => listAuditEvents(ctx.work, input));
