import { doctorPage, listDoctorsInput } from '@meditrack/contract';
import { listDoctors } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/doctors */
export const list = permissionProcedure('doctors:read')
  .meta(
    rest('GET', '/doctors', {
      description: 'Doctors page by page, by department, specialization or name.',
      summary: 'List doctors',
    }),
  )
  .input(listDoctorsInput)
  .output(doctorPage)
  .query(({ ctx, input }) => listDoctors(ctx.work, input));
