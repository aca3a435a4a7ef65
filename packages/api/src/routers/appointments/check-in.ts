import { appointment, checkInInput } from '@meditrack/contract';
import { applyTransition } from '../../scheduling/lifecycle.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments/{id}/check-in: the front desk, when the patient arrives. */
export const checkIn = permissionProcedure('appointments:check-in')
  .meta(rest('POST', '/appointments/{id}/check-in', { summary: 'Check a patient in (scheduled -> checked_in)' }))
  .input(checkInInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => toAppointmentDto(await applyTransition(ctx, 'checkIn', input)));
