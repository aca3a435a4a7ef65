import { createVisitTypeInput, visitType } from '@meditrack/contract';
import { createVisitType } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/departments/{id}/visit-types */
export const create = permissionProcedure('visit-types:write')
  .meta(
    rest('POST', '/departments/{id}/visit-types', {
      description:
        "Creates a visit type of the department (e.g. new patient, follow-up, vaccination, group session) with its booking rules: length, buffers before and after, minimum notice, booking horizon, reschedule and cancel cutoffs, capacity (1 exclusive, more for a group session) and an optional daily quota per doctor. A department's live visit types have distinct names.",
      errors: ['DUPLICATE_VALUE'],
      summary: 'Create a visit type',
      successStatus: 201,
      tag: 'visit-types',
    }),
  )
  .input(createVisitTypeInput)
  .output(visitType)
  .mutation(({ ctx, input }) => createVisitType(ctx.work, input));
