import { listPatientsInput, patientPage } from '@meditrack/contract';
import { listPatients } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients: list and search (name word prefixes, national ID, MRN, ...); audited, one event naming the patients returned. */
export const list = permissionProcedure('patients:read')
  .meta(
    rest('GET', '/patients', {
      description:
        "Patients page by page: by name (any word's start, accents optional), national ID, MRN, date of birth or department; sorted by name, MRN, date of birth or creation. Clinical fields only for roles allowed to see them. Every read is audited.",
      summary: 'List and search patients',
    }),
  )
  .input(listPatientsInput)
  .output(patientPage)
  .query(({ ctx, input }) => listPatients(ctx.work, input));
