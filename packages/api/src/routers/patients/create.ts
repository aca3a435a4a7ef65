import { createPatientInput, patient } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toPatientDto } from './dto.js';
import { patientColumns } from './write.js';

/** POST /api/patients */
export const create = permissionProcedure('patients:write')
  .meta(rest('POST', '/patients', { summary: 'Register a patient', successStatus: 201 }))
  .input(createPatientInput)
  .output(patient)
  .mutation(async ({ ctx, input }) => {
    const created = ctx.em.create(Patient, await patientColumns(ctx, input));
    audit(ctx, { action: 'patient.create', entityType: 'Patient', entityId: created.id });
    await ctx.em.flush();
    return toPatientDto(created);
  });
