import type { ClinicalAppointment } from '@meditrack/contract';
import type { EntityDictionary } from '@mikro-orm/postgresql';
import { readsArchived } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import type { Work } from '../work/work.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentOfRow } from './dto.js';

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

/** The facts of an appointment to act on that are not its own: what the rules ask of its patient, doctor, visit type. */
export type AppointmentContext = Omit<AppointmentToChange, 'appointment'>;

// One read: the appointment's columns (`a.*` as the ORM maps them, or the answer's), with the few
// facts of its patient and doctor the rules need, instead of populating both entities.
const appointmentToChange = (columns: string) => `select ${columns}, p.archived_at as "patientArchivedAt",
         e.id as "doctorEmployeeId", e.archived_at as "doctorArchivedAt",
         d.default_appointment_minutes as "doctorDefaultMinutes",
         coalesce(v.cancel_cutoff_minutes, 0) as "cancelCutoffMinutes"
    from appointments a join patients p on p.id = a.patient_id
    join doctors d on d.id = a.doctor_id join employees e on e.id = d.employee_id
    left join visit_types v on v.id = a.visit_type_id
   where a.id = ?`;
const AS_ENTITY = appointmentToChange('a.*');
const AS_ANSWER = appointmentToChange(APPOINTMENT_COLUMNS);

/**
 * The row of an appointment to act on, split into its own columns and its context. The appointments
 * of an archived patient exist only for actors with `archived:read`, as on every read.
 */
async function findRow<T extends object>(work: Work, sql: string, id: string) {
  const [row] = await selectRows<Related & T>(work.em, sql, [id]);
  if (!row || (row.patientArchivedAt && !readsArchived(work.actor))) throw notFound('Appointment', id);
  const {
    patientArchivedAt,
    doctorEmployeeId,
    doctorArchivedAt,
    doctorDefaultMinutes,
    cancelCutoffMinutes,
    ...columns
  } = row;
  const context: AppointmentContext = {
    patient: { archivedAt: patientArchivedAt },
    doctor: {
      employeeId: doctorEmployeeId,
      archivedAt: doctorArchivedAt,
      defaultAppointmentMinutes: doctorDefaultMinutes,
    },
    cancelCutoffMinutes,
  };
  return { columns, context };
}

/** An appointment to act on through the unit of work (managed: its changes flush with their version check and audit event). */
export async function findAppointment(work: Work, id: string): Promise<AppointmentToChange> {
  const { columns, context } = await findRow<EntityDictionary<Appointment>>(work, AS_ENTITY, id);
  return { appointment: work.em.map(Appointment, columns), ...context };
}

/** An appointment to act on with a statement of its own (scheduling/move.ts): its answer, as every read maps it. */
export async function findAppointmentAnswer(
  work: Work,
  id: string,
): Promise<AppointmentContext & { appointment: ClinicalAppointment }> {
  const { columns, context } = await findRow<AppointmentRow>(work, AS_ANSWER, id);
  return { appointment: appointmentOfRow(columns), ...context };
}
