import { APPOINTMENT_TRANSITIONS, type AppointmentAction, canTransition } from '@meditrack/contract';
import { Appointment, DomainError } from '@meditrack/domain';
import { audit } from '../audit/record.js';
import { expectVersion } from '../records/version.js';
import type { AuthedContext } from '../trpc/init.js';

export interface TransitionInput {
  id: string;
  version?: number | undefined;
  diagnosis?: string;
  notes?: string | null | undefined;
  reason?: string;
}

/** Loads an appointment or answers 404. */
export async function appointmentOr404(ctx: AuthedContext, id: string): Promise<Appointment> {
  const found = await ctx.em.findOne(Appointment, id, { populate: ['doctor.employee'] });
  if (!found) throw new DomainError('NOT_FOUND', { message: `Appointment ${id} does not exist.`, field: 'id' });
  return found;
}

/**
 * Moves an appointment along its lifecycle (contract/lifecycle.ts says which moves exist and who
 * may make them). Completion belongs to the appointment's own doctor. Optional `version` guards
 * against acting on a stale screen.
 */
export async function applyTransition(
  ctx: AuthedContext,
  action: AppointmentAction,
  input: TransitionInput,
): Promise<Appointment> {
  const transition = APPOINTMENT_TRANSITIONS[action];
  const appointment = await appointmentOr404(ctx, input.id);
  if (input.version !== undefined || ctx.ifMatchVersion !== undefined) {
    expectVersion(appointment, input.version, ctx.ifMatchVersion);
  }
  if (action === 'complete' && appointment.doctor.employee.id !== ctx.user.id) {
    throw new DomainError('FORBIDDEN', {
      message: 'Only the appointment’s own doctor can complete it.',
      details: { missingPermission: transition.permission, reason: 'not your appointment' },
    });
  }
  if (!canTransition(action, appointment.status)) {
    throw new DomainError('INVALID_STATE', {
      message: `A ${appointment.status} appointment cannot be moved to ${transition.to}.`,
      field: 'status',
      details: { status: appointment.status, action, allowedFrom: transition.from },
    });
  }
  const now = new Date();
  appointment.status = transition.to;
  if (action === 'checkIn') appointment.checkedInAt = now;
  if (action === 'complete') {
    appointment.completedAt = now;
    appointment.diagnosis = input.diagnosis ?? null;
    appointment.notes = input.notes ?? appointment.notes ?? null;
  }
  if (action === 'cancel') {
    appointment.cancelledAt = now;
    appointment.cancellationReason = input.reason ?? null;
  }
  audit(ctx, {
    action: `appointment.${action}`,
    entityType: 'Appointment',
    entityId: appointment.id,
    changes: { status: transition.to },
  });
  await ctx.em.flush();
  return appointment;
}
