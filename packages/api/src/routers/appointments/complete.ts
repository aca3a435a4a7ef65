import { appointment, completeInput } from '@meditrack/contract';
import { applyTransition } from '../../scheduling/lifecycle.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments/{id}/complete: the appointment's doctor, with diagnosis and notes. */
export const complete = permissionProcedure('appointments:complete')
  .meta(rest('POST', '/appointments/{id}/complete', { summary: 'Complete an appointment (checked_in -> completed)' }))
  .input(completeInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => toAppointmentDto(await applyTransition(ctx, 'complete', input)));
