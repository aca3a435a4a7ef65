import {
  availability,
  availabilityInput,
  availabilitySearchResult,
  searchAvailabilityInput,
} from '@meditrack/contract';
import { doctorAvailability, searchAvailability as searchSlots } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/doctors/{id}/availability?from=&to=: free slots (weekly hours - time off - active appointments). */
export const getAvailability = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/doctors/{id}/availability', {
      description:
        "A doctor's free slots between two days or instants (at most 31 days), in the hospital's time zone: working hours minus time off and booked appointments. With `visitTypeId`, slots of that visit type under its rules (length and buffers, notice, horizon, group places left, daily quota, hours kept for some types); with `explain=true`, also the times of the grid not offered and why (booked, buffer, full, quota_reached, time_off, notice, horizon, past).",
      errors: ['UNKNOWN_REFERENCE'],
      summary: 'A doctor’s free slots',
    }),
  )
  .input(availabilityInput)
  .output(availability)
  .query(({ ctx, input }) => doctorAvailability(ctx.work, input));

/** GET /api/availability?departmentId=|specialization=&from=&to=: free slots of every matching doctor. */
export const searchAvailability = permissionProcedure('appointments:read')
  .meta(
    rest('GET', '/availability', {
      description:
        'Free slots of every doctor of a department or specialization between two days or instants (at most 31 days); with `visitTypeId`, of that visit type (doctors outside its department have none) and with `explain=true` why the other times are not offered.',
      errors: ['UNKNOWN_REFERENCE'],
      summary: 'Free slots across a department or specialization',
      tag: 'doctors',
    }),
  )
  .input(searchAvailabilityInput)
  .output(availabilitySearchResult)
  .query(({ ctx, input }) => searchSlots(ctx.work, input));
