import { updateVisitTypeInput, visitType } from '@meditrack/contract';
import { updateVisitType } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** PUT /api/visit-types/{id} */
export const update = permissionProcedure('visit-types:write')
  .meta(
    rest('PUT', '/visit-types/{id}', {
      description:
        "Replaces a visit type's rules (omitted ones take their defaults). Needs the current version. Appointments booked already keep their times; the new rules apply to bookings and reschedules from now on.",
      errors: ['VERSION_CONFLICT', 'DUPLICATE_VALUE'],
      summary: 'Replace a visit type’s rules',
      tag: 'visit-types',
    }),
  )
  .input(updateVisitTypeInput)
  .output(visitType)
  .mutation(({ ctx, input }) => updateVisitType(ctx.work, input));
