import { doctor, doctorIdInput } from '@meditrack/contract';
import { readsArchived } from '../../records/archived.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDoctorDto } from './dto.js';
import { findDoctorOr404 } from './find.js';

/** GET /api/doctors/{id} */
export const get = permissionProcedure('doctors:read')
  .meta(rest('GET', '/doctors/{id}', { summary: 'Get a doctor' }))
  .input(doctorIdInput)
  .output(doctor)
  .query(async ({ ctx, input }) => toDoctorDto(await findDoctorOr404(ctx.em, input.id, readsArchived(ctx))));
