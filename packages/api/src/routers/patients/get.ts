import { patientAnswer, patientIdInput } from '@meditrack/contract';
import { getPatient } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients/{id}: a read of a patient's record, audited; clinical fields for clinical roles only. */
export const get = permissionProcedure('patients:read')
  .meta(
    rest('GET', '/patients/{id}', {
      description:
        'One patient; the vaccination status only for roles allowed to see clinical fields. Archived patients answer 404 unless the role may read archived records. The read is audited.',
      summary: 'Get a patient',
    }),
  )
  .input(patientIdInput)
  .output(patientAnswer)
  .query(({ ctx, input }) => getPatient(ctx.work, input.id));
