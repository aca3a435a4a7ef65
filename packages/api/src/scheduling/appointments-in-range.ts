import type { Appointment as AppointmentDto } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { selectRows } from '../records/sql.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentRowToDto } from '../routers/appointments/dto.js';
import type { Interval } from './calendar.js';
import { earliestOverlappingStart } from './overlap-window.js';

/**
 * Every appointment (any status) of these doctors or this patient overlapping `range`, in time
 * order: the raw material of calendars. Plain SQL: a week of a busy doctor is 140 rows, and
 * hydrating them as entities cost more than the query (docs/benchmarks.md).
 */
export async function appointmentsInRange(
  em: EntityManager,
  who: { doctorIds: string[] } | { patientId: string },
  range: Interval,
): Promise<AppointmentDto[]> {
  const [condition, ids] =
    'patientId' in who ? ['a.patient_id = ?', [who.patientId]] : ['a.doctor_id in (?)', [who.doctorIds]];
  const rows = await selectRows<AppointmentRow>(
    em,
    `select ${APPOINTMENT_COLUMNS} from appointments a
     where ${condition} and a.starts_at < ? and a.starts_at > ? and a.ends_at > ?
     order by a.starts_at asc, a.id asc`,
    [...ids, range.end, earliestOverlappingStart(range.start), range.start],
  );
  return rows.map(appointmentRowToDto);
}
