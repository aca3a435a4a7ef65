import { patientIdInput } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** DELETE /api/patients/{id}: archives the patient; appointments and medical history are kept. */
export const archive = permissionProcedure('patients:archive')
  .meta(rest('DELETE', '/patients/{id}', { summary: 'Archive a patient', successStatus: 204 }))
  .input(patientIdInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Patient, input.id);
    record.archivedAt = new Date();
    audit(ctx, { action: 'patient.archive', entityType: 'Patient', entityId: record.id });
    await ctx.em.flush();
  });
