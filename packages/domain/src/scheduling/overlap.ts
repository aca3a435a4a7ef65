import { ACTIVE_APPOINTMENT_STATUSES } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type Statement, selectRows } from '../reads/sql.js';
import type { Interval } from './calendar.js';
import { earliestOverlappingStart, MAX_BUFFER_MS } from './overlap-window.js';

/** Whose appointment is in the way of a booking, and how. */
export interface Overlap {
  id: string;
  conflictWith: 'doctor' | 'patient';
  /** `booked`: the appointments themselves overlap; `buffer`: only a buffer kept free around one of them. */
  reason: 'booked' | 'buffer';
  /** The other appointment's session (its own id when exclusive) and whether it has exactly this time. */
  sessionKey: string;
  sameTime: boolean;
  sameVisitType: boolean;
}

/** What a booking takes: its time, the doctor's time it blocks (with buffers), and its session. */
export interface Occupancy {
  doctorId: string;
  patientId: string;
  interval: Interval;
  blocked: Interval;
  visitTypeId: string | null;
  /** Null: exclusive, every other appointment of the doctor's blocked time is in the way. */
  sessionKey: string | null;
  /** The appointment being moved (a reschedule), which does not conflict with itself. */
  exceptAppointmentId?: string | undefined;
}

const ACTIVE = ACTIVE_APPOINTMENT_STATUSES.map(() => '?').join(', ');

/** The statement of findOverlapping, for callers that read more in the same round trip. */
export function overlapStatement(o: Occupancy): Statement {
  const except = o.exceptAppointmentId ? ' and id <> ?' : '';
  const exceptParam = o.exceptAppointmentId ? [o.exceptAppointmentId] : [];
  const session = o.sessionKey === null ? '' : ' and coalesce(session_key, id::text) <> ?';
  const sessionParam = o.sessionKey === null ? [] : [o.sessionKey];
  const shape = `id, coalesce(session_key, id::text) as "sessionKey",
      case when starts_at < ? and ends_at > ? then 'booked' else 'buffer' end as reason,
      (starts_at = ? and ends_at = ?) as "sameTime", visit_type_id is not distinct from ?::uuid as "sameVisitType"`;
  const shapeParams = [o.interval.end, o.interval.start, o.interval.start, o.interval.end, o.visitTypeId];
  return [
    `(select ${shape}, 'doctor' as "conflictWith" from appointments
        where doctor_id = ? and status in (${ACTIVE}) and starts_at < ? and starts_at > ?
          and blocked_from < ? and blocked_to > ?${session}${except}
        order by reason asc, starts_at asc limit 1)
     union all
     (select ${shape}, 'patient' as "conflictWith" from appointments
        where patient_id = ? and status in (${ACTIVE}) and starts_at < ? and starts_at > ? and ends_at > ?${except}
        limit 1)
     order by "conflictWith" limit 1`,
    [
      ...shapeParams,
      o.doctorId,
      ...ACTIVE_APPOINTMENT_STATUSES,
      new Date(o.blocked.end.getTime() + MAX_BUFFER_MS),
      new Date(earliestOverlappingStart(o.blocked.start).getTime() - MAX_BUFFER_MS),
      o.blocked.end,
      o.blocked.start,
      ...sessionParam,
      ...exceptParam,
      ...shapeParams,
      o.patientId,
      ...ACTIVE_APPOINTMENT_STATUSES,
      o.interval.end,
      earliestOverlappingStart(o.interval.start),
      o.interval.start,
      ...exceptParam,
    ],
  ];
}

/**
 * The doctor's active appointment whose blocked time meets this one's (another session's), else
 * the patient's whose time meets this one's: both checks in one statement, each a range on its
 * (person, starts_at) index (blocked times reach MAX_BUFFER_MINUTES beyond an appointment).
 */
export async function findOverlapping(em: EntityManager, o: Occupancy): Promise<Overlap | undefined> {
  const [sql, params] = overlapStatement(o);
  const [first] = await selectRows<Overlap>(em, sql, params);
  return first;
}
