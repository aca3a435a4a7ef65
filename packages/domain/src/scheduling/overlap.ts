import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectRows } from '../reads/sql.js';
import type { Interval } from './calendar.js';
import { earliestOverlappingStart } from './overlap-window.js';

/** Whose appointment is in the way of a booking. */
export interface Overlap {
  id: string;
  conflictWith: 'doctor' | 'patient';
}

const ACTIVE = ACTIVE_APPOINTMENT_STATUSES.map(() => '?').join(', ');
/** The active appointment of one person that overlaps the interval: a range on its (person, starts_at) index. */
const overlapOf = (column: 'doctor_id' | 'patient_id', except: boolean) =>
  `select id, '${column === 'doctor_id' ? 'doctor' : 'patient'}' as "conflictWith" from appointments
    where ${column} = ? and status in (${ACTIVE}) and starts_at < ? and starts_at > ? and ends_at > ?${except ? ' and id <> ?' : ''}
    limit 1`;

/**
 * The active appointment of the doctor, else of the patient, that overlaps `interval` (leaving out
 * `exceptId`, the appointment being moved), if any: both checks in one statement.
 */
export async function findOverlapping(
  em: EntityManager,
  who: { doctorId: string; patientId: string },
  interval: Interval,
  exceptId?: string,
): Promise<Overlap | undefined> {
  const bounds = [
    interval.end,
    earliestOverlappingStart(interval.start),
    interval.start,
    ...(exceptId ? [exceptId] : []),
  ];
  const [first] = await selectRows<Overlap>(
    em,
    `(${overlapOf('doctor_id', exceptId !== undefined)}) union all (${overlapOf('patient_id', exceptId !== undefined)})
     order by "conflictWith" limit 1`,
    [who.doctorId, ...ACTIVE_APPOINTMENT_STATUSES, ...bounds, who.patientId, ...ACTIVE_APPOINTMENT_STATUSES, ...bounds],
  );
  return first;
}
