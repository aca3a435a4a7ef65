import { readsArchived } from '../access/authorize.js';
import { Appointment } from '../entities/appointment.js';
import { notFound } from '../records/find.js';
import type { Work } from '../work/work.js';

/**
 * An appointment to act on, with its patient (and whatever else `populate` names). The
 * appointments of an archived patient exist only for actors with `archived:read`, as on every read.
 */
export async function findAppointment(
  work: Work,
  id: string,
  populate: readonly ('doctor' | 'doctor.employee')[] = [],
): Promise<Appointment> {
  const appointment = await work.em.findOne(Appointment, id, { populate: ['patient', ...populate] });
  if (!appointment || (appointment.patient.archivedAt && !readsArchived(work.actor))) throw notFound('Appointment', id);
  return appointment;
}
