import { appointmentAnswer, rescheduleInput } from '@meditrack/contract';
import { rescheduleAppointment } from '@meditrack/domain';
import { permissionProcedure, versionOf } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { answerOf } from './answer.js';

/** POST /api/appointments/{id}/reschedule: moves it atomically; the old slot is freed only if the new one is taken. */
export const reschedule = permissionProcedure('appointments:write')
  .meta(rest('POST', '/appointments/{id}/reschedule', { summary: 'Move an appointment to another time' }))
  .input(rescheduleInput)
  .output(appointmentAnswer)
  .mutation(async ({ ctx, input }) =>
    answerOf(ctx.work, await rescheduleAppointment(ctx.work, { ...input, version: versionOf(ctx, input) })),
  );
