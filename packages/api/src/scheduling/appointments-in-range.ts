import { Appointment } from '@meditrack/domain';
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Interval } from './calendar.js';

/** Every appointment (any status) overlapping `range`, in time order: the raw material of calendars. */
export function appointmentsInRange(em: EntityManager, where: FilterQuery<Appointment>, range: Interval) {
  return em.find(
    Appointment,
    { ...(where as object), startsAt: { $lt: range.end }, endsAt: { $gt: range.start } },
    { orderBy: { startsAt: 'asc', id: 'asc' } },
  );
}
