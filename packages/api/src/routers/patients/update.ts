import { patient, updatePatientInput } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { changedKeys } from '../../records/changes.js';
import { findOr404 } from '../../records/find.js';
import { expectVersion } from '../../records/version.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toPatientDto } from './dto.js';
import { patientColumns } from './write.js';

/** PUT /api/patients/{id}: replaces every editable field; needs the current version. */
export const update = permissionProcedure('patients:write')
  .meta(rest('PUT', '/patients/{id}', { summary: 'Replace a patient’s editable fields' }))
  .input(updatePatientInput)
  .output(patient)
  .mutation(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Patient, input.id);
    expectVersion(record, input.version, ctx.ifMatchVersion);
    const { id, version, ...fields } = input;
    const columns = await patientColumns(ctx, fields);
    const changed = changedKeys(record, columns);
    ctx.em.assign(record, columns);
    // Field names only: the audit trail must not become a second copy of patient data.
    audit(ctx, { action: 'patient.update', entityType: 'Patient', entityId: record.id, changes: { fields: changed } });
    await ctx.em.flush();
    return toPatientDto(record);
  });
