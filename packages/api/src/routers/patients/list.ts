import { listPatientsInput, patientPage } from '@meditrack/contract';
import { listPatients } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients: list and search (name word prefixes, national ID, MRN, ...); audited, one event naming the patients returned. */
export const list = permissionProcedure('patients:read')
  .meta(rest('GET', '/patients', { summary: 'List and search patients' }))
  .input(listPatientsInput)
  .output(patientPage)
  .query(({ ctx, input }) => listPatients(ctx.work, input));
