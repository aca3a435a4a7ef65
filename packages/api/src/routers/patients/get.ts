import { patient, patientIdInput } from '@meditrack/contract';
import { auditRead } from '../../audit/record.js';
import { readsArchived } from '../../records/archived.js';
import { notFound } from '../../records/find.js';
import { selectRows } from '../../records/sql.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { PATIENT_COLUMNS, type PatientRow, patientRowToDto } from './dto.js';

/** GET /api/patients/{id}: a read of a patient's record, audited. */
export const get = permissionProcedure('patients:read')
  .meta(rest('GET', '/patients/{id}', { summary: 'Get a patient' }))
  .input(patientIdInput)
  .output(patient)
  .query(async ({ ctx, input }) => {
    const live = readsArchived(ctx) ? '' : 'and p.archived_at is null';
    const [row] = await selectRows<PatientRow>(
      ctx.em,
      `select ${PATIENT_COLUMNS} from patients p where p.id = ? ${live} limit 1`,
      [input.id],
    );
    if (!row) throw notFound('Patient', input.id);
    await auditRead(ctx, { action: 'patient.read', entityType: 'Patient', entityId: row.id });
    return patientRowToDto(row);
  });
