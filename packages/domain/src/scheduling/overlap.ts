import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment } from '../entities/appointment.js';
import type { Interval } from './calendar.js';
import { overlappingFilter } from './overlap-window.js';

/** The active appointment of the doctor or the patient that overlaps `interval`, if any. */
export function findOverlapping(
  em: EntityManager,
  who: { doctor: string } | { patient: string },
  interval: Interval,
  exceptId?: string,
): Promise<Appointment | null> {
  return em.findOne(Appointment, {
    ...who,
    status: { $in: [...ACTIVE_APPOINTMENT_STATUSES] },
    ...overlappingFilter(interval),
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
}
