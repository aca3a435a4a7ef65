import { appointment, RESCHEDULABLE_STATUSES, rescheduleInput } from '@meditrack/contract';
import { DomainError } from '@meditrack/domain';
import { expectVersion } from '../../records/version.js';
import { rescheduleAppointment } from '../../scheduling/booking.js';
import { appointmentOr404 } from '../../scheduling/lifecycle.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments/{id}/reschedule: moves it atomically; the old slot is freed only if the new one is taken. */
export const reschedule = permissionProcedure('appointments:write')
  .meta(rest('POST', '/appointments/{id}/reschedule', { summary: 'Move an appointment to another time' }))
  .input(rescheduleInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => {
    const record = await appointmentOr404(ctx, input.id);
    if (input.version !== undefined || ctx.ifMatchVersion !== undefined)
      expectVersion(record, input.version, ctx.ifMatchVersion);
    if (!(RESCHEDULABLE_STATUSES as readonly string[]).includes(record.status)) {
      throw new DomainError('INVALID_STATE', {
        message: `A ${record.status} appointment cannot be rescheduled.`,
        field: 'status',
        details: { status: record.status },
      });
    }
    await rescheduleAppointment(ctx, record, input);
    return toAppointmentDto(record);
  });
