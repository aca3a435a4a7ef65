import { doctorIdInput } from '@meditrack/contract';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { revokeSessions } from '../../auth/sessions.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { findDoctorOr404 } from './find.js';

/** DELETE /api/doctors/{id}: archives the doctor's account; appointments and schedules are kept. */
export const archive = permissionProcedure('doctors:write')
  .meta(rest('DELETE', '/doctors/{id}', { summary: 'Archive a doctor', successStatus: 204 }))
  .input(doctorIdInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const record = await findDoctorOr404(ctx.em, input.id);
    record.employee.archivedAt = new Date();
    await revokeSessions(ctx.em, { employee: record.employee.id }, 'archived');
    audit(ctx, { action: 'doctor.archive', entityType: 'Doctor', entityId: record.id });
    await ctx.em.flush();
  });
