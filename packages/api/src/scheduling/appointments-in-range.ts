import type { Appointment as AppointmentDto } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Statement, selectRows } from '../records/sql.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentRowToDto } from '../routers/appointments/dto.js';
import type { Interval } from './calendar.js';
import { earliestOverlappingStart } from './overlap-window.js';

type Whose = { doctorIds: string[] } | { patientId: string };

/**
 * Every appointment (any status) of these doctors or this patient overlapping `range`, in time
 * order: the raw material of calendars. Plain SQL: a week of a busy doctor is 140 rows, and
 * hydrating them as entities cost more than the query (docs/benchmarks.md). Rows map with
 * `appointmentRowToDto`; as a statement, so a calendar can send it with its other reads.
 */
export function appointmentsInRangeStatement(who: Whose, range: Interval): Statement {
  const [condition, ids] =
    'patientId' in who ? ['a.patient_id = ?', [who.patientId]] : ['a.doctor_id in (?)', [who.doctorIds]];
  return [
    `select ${APPOINTMENT_COLUMNS} from appointments a
     where ${condition} and a.starts_at < ? and a.starts_at > ? and a.ends_at > ?
     order by a.starts_at asc, a.id asc`,
    [...ids, range.end, earliestOverlappingStart(range.start), range.start],
  ];
}

export async function appointmentsInRange(em: EntityManager, who: Whose, range: Interval): Promise<AppointmentDto[]> {
  const [sql, params] = appointmentsInRangeStatement(who, range);
  const rows = await selectRows<AppointmentRow>(em, sql, params);
  return rows.map(appointmentRowToDto);
}
