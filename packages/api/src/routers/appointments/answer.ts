import type { AppointmentAnswer } from '@meditrack/contract';
import { type Appointment, appointmentAnswer, appointmentOf, type Work } from '@meditrack/domain';

/** An appointment a write returns, shaped for the caller like every read. */
export const answerOf = (work: Work, appointment: Appointment): AppointmentAnswer =>
  appointmentAnswer(work.actor, appointmentOf(appointment));
