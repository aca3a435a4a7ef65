import { hasPermission } from '@meditrack/contract';
import { type Doctor, DomainError } from '@meditrack/domain';
import type { AuthedContext } from '../trpc/init.js';

/** Admins edit every doctor's schedule; a doctor edits their own (`schedules:write-own`). */
export function authorizeScheduleWrite(ctx: AuthedContext, doctor: Doctor): void {
  if (hasPermission(ctx.user.role, 'schedules:write')) return;
  if (hasPermission(ctx.user.role, 'schedules:write-own') && doctor.employee.id === ctx.user.id) return;
  throw new DomainError('FORBIDDEN', {
    message: 'Only admins, or the doctor themselves, can change a doctor’s schedule.',
    details: { missingPermission: 'schedules:write' },
  });
}
