import type { EntityDictionary } from '@mikro-orm/postgresql';
import { readsArchived } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import type { Work } from '../work/work.js';

/** An appointment to act on, and what the rules ask of its patient and its doctor. */
export interface AppointmentToChange {
  /** Managed by the unit of work: its changes flush with their version check and audit event. */
  appointment: Appointment;
  patient: { archivedAt: string | null };
  doctor: { employeeId: string; archivedAt: string | null; defaultAppointmentMinutes: number };
  /** Its visit type's cancel cutoff in minutes (0: none). */
  cancelCutoffMinutes: number;
}

interface Related {
  patientArchivedAt: string | null;
  doctorEmployeeId: string;
  doctorArchivedAt: string | null;
  doctorDefaultMinutes: number;
  cancelCutoffMinutes: number;
}

// One read: the appointment's row as the ORM maps it (`em.map`), with the few facts of its patient
// and doctor the rules need, instead of populating both entities.
const APPOINTMENT_TO_CHANGE = `select a.*, p.archived_at as "patientArchivedAt", e.id as "doctorEmployeeId",
         e.archived_at as "doctorArchivedAt", d.default_appointment_minutes as "doctorDefaultMinutes",
         coalesce(v.cancel_cutoff_minutes, 0) as "cancelCutoffMinutes"
    from appointments a join patients p on p.id = a.patient_id
    join doctors d on d.id = a.doctor_id join employees e on e.id = d.employee_id
    left join visit_types v on v.id = a.visit_type_id
   where a.id = ?`;

/**
 * An appointment to act on. The appointments of an archived patient exist only for actors with
 * `archived:read`, as on every read.
 */
export async function findAppointment(work: Work, id: string): Promise<AppointmentToChange> {
  const [row] = await selectRows<Related & EntityDictionary<Appointment>>(work.em, APPOINTMENT_TO_CHANGE, [id]);
  if (!row || (row.patientArchivedAt && !readsArchived(work.actor))) throw notFound('Appointment', id);
  const {
    patientArchivedAt,
    doctorEmployeeId,
    doctorArchivedAt,
    doctorDefaultMinutes,
    cancelCutoffMinutes,
    ...columns
  } = row;
  return {
    appointment: work.em.map(Appointment, columns),
    patient: { archivedAt: patientArchivedAt },
    doctor: {
      employeeId: doctorEmployeeId,
      archivedAt: doctorArchivedAt,
      defaultAppointmentMinutes: doctorDefaultMinutes,
    },
    cancelCutoffMinutes,
  };
}
