import { appointment, noShowInput } from '@meditrack/contract';
import { applyTransition } from '../../scheduling/lifecycle.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments/{id}/no-show: the patient did not come; frees the slot. */
export const noShow = permissionProcedure('appointments:check-in')
  .meta(rest('POST', '/appointments/{id}/no-show', { summary: 'Mark a no-show' }))
  .input(noShowInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => toAppointmentDto(await applyTransition(ctx, 'noShow', input)));
