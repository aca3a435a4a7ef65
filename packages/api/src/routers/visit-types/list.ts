import { departmentVisitTypesInput, visitTypeList } from '@meditrack/contract';
import { departmentVisitTypes } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/departments/{id}/visit-types */
export const list = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/departments/{id}/visit-types', {
      description: "A department's live visit types and their booking rules, by name.",
      summary: 'A department’s visit types',
      tag: 'visit-types',
    }),
  )
  .input(departmentVisitTypesInput)
  .output(visitTypeList)
  .query(({ ctx, input }) => departmentVisitTypes(ctx.work, input));
