import type { updateAppointmentInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import type { Appointment } from '../entities/appointment.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';
import { findAppointment } from './find-appointment.js';

/**
 * The front desk's edit of an appointment: its reason and the front desk's own notes (PUT replaces
 * both). Clinical text is not among them: it belongs to the doctor and is never overwritten.
 */
export async function updateAppointment(
  work: Work,
  input: z.output<typeof updateAppointmentInput>,
): Promise<Appointment> {
  authorize(work.actor, 'appointments:write');
  const { appointment } = await findAppointment(work, input.id);
  expectVersion(appointment, input.version);
  appointment.reason = input.reason ?? null;
  appointment.frontDeskNotes = input.frontDeskNotes ?? null;
  await work.commit();
  return appointment;
}
