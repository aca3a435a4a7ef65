import { appointment, cancelAppointmentInput, cancelInput } from '@meditrack/contract';
import { z } from 'zod';
import { applyTransition } from '../../scheduling/lifecycle.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toAppointmentDto } from './dto.js';

/** POST /api/appointments/{id}/cancel: scheduled or checked-in -> cancelled (reason required); frees the slot. */
export const cancel = permissionProcedure('appointments:write')
  .meta(rest('POST', '/appointments/{id}/cancel', { summary: 'Cancel an appointment (reason required)' }))
  .input(cancelInput)
  .output(appointment)
  .mutation(async ({ ctx, input }) => toAppointmentDto(await applyTransition(ctx, 'cancel', input)));

/** DELETE /api/appointments/{id}?reason=...: the same cancellation, for the seed documents' DELETE. */
export const remove = permissionProcedure('appointments:write')
  .meta(
    rest('DELETE', '/appointments/{id}', { summary: 'Cancel an appointment (reason required)', successStatus: 204 }),
  )
  .input(cancelAppointmentInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    await applyTransition(ctx, 'cancel', input);
  });
