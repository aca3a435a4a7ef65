import { appointment, updateAppointmentInput } from '@meditrack/contract';
import { Appointment, DomainError } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { changedKeys } from '../../records/changes.js';
import { expectVersion } from '../../records/version.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** PUT /api/appointments/{id}: reason and notes. */
export const update = permissionProcedure('appointments:write')
  .meta(rest('PUT', '/appointments/{id}', { summary: 'Replace an appointment’s reason and notes' }))
  .input(updateAppointmentInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => {
    const record = await ctx.em.findOne(Appointment, input.id);
    if (!record)
      throw new DomainError('NOT_FOUND', { message: `Appointment ${input.id} does not exist.`, field: 'id' });
    expectVersion(record, input.version, ctx.ifMatchVersion);
    const columns = { reason: input.reason ?? null, notes: input.notes ?? null };
    const changed = changedKeys(record, columns);
    ctx.em.assign(record, columns);
    audit(ctx, {
      action: 'appointment.update',
      entityType: 'Appointment',
      entityId: record.id,
      changes: { fields: changed },
    });
    await ctx.em.flush();
    return toAppointmentDto(record);
  });
