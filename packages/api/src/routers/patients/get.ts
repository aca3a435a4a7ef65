import { patient, patientIdInput } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import { auditRead } from '../../audit/record.js';
import { readsArchived } from '../../records/archived.js';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toPatientDto } from './dto.js';

/** GET /api/patients/{id}: a read of a patient's record, audited. */
export const get = permissionProcedure('patients:read')
  .meta(rest('GET', '/patients/{id}', { summary: 'Get a patient' }))
  .input(patientIdInput)
  .output(patient)
  .query(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Patient, input.id, { includeArchived: readsArchived(ctx) });
    await auditRead(ctx, { action: 'patient.read', entityType: 'Patient', entityId: record.id });
    return toPatientDto(record);
  });
