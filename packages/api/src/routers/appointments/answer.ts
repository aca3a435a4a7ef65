import type { AppointmentAnswer, ClinicalAppointment } from '@meditrack/contract';
import { Appointment, appointmentAnswer, appointmentOf, type Work } from '@meditrack/domain';

/** An appointment a write returns (the entity it flushed, or the row it wrote), shaped for the caller like every read. */
export const answerOf = (work: Work, appointment: Appointment | ClinicalAppointment): AppointmentAnswer =>
  appointmentAnswer(work.actor, appointment instanceof Appointment ? appointmentOf(appointment) : appointment);
