import { ACTIVE_APPOINTMENT_STATUSES, type addTimeOffInput, type removeTimeOffInput } from '@meditrack/contract';
import type { z } from 'zod';
import { Appointment } from '../entities/appointment.js';
import { TimeOff } from '../entities/doctor-schedule.js';
import { DomainError } from '../errors/domain-error.js';
import type { Work } from '../work/work.js';
import { lockForScheduling } from './locks.js';
import { scheduleOwner } from './schedule.js';
import { instantOf } from './time.js';

/**
 * Time off (leave, a conference). Refused (409, listing them) while active appointments fall inside
 * it: the front desk moves those patients first. Taken under the doctor's scheduling lock, so a
 * booking at the same moment either lands first (and is listed) or waits and meets the time off.
 */
export async function addTimeOff(work: Work, input: z.output<typeof addTimeOffInput>): Promise<TimeOff> {
  const doctor = await scheduleOwner(work, input.id);
  const startsAt = instantOf(work, input.startsAt, 'startsAt');
  const endsAt = instantOf(work, input.endsAt, 'endsAt');
  if (endsAt <= startsAt) {
    throw new DomainError('VALIDATION_FAILED', { message: 'endsAt must be after startsAt.', field: 'endsAt' });
  }
  return work.transaction(async (tx) => {
    await lockForScheduling(tx, { doctorId: doctor.id });
    const affected = await tx.em.find(
      Appointment,
      {
        doctor: doctor.id,
        status: { $in: [...ACTIVE_APPOINTMENT_STATUSES] },
        startsAt: { $lt: endsAt },
        endsAt: { $gt: startsAt },
      },
      { fields: ['id'], orderBy: { startsAt: 'asc' }, limit: 50 },
    );
    if (affected.length) {
      throw new DomainError('APPOINTMENT_CONFLICT', {
        message: `${affected.length} active appointment(s) fall in this time off; reschedule or cancel them first.`,
        field: 'startsAt',
        details: { conflictingAppointmentIds: affected.map((a) => a.id), conflictingAppointmentId: affected[0]?.id },
      });
    }
    const timeOff = tx.em.create(TimeOff, { doctor: doctor.id, startsAt, endsAt, reason: input.reason ?? null });
    tx.describe(timeOff, {
      action: 'schedule.add-time-off',
      entityType: 'Doctor',
      entityId: doctor.id,
      changes: { timeOffId: timeOff.id },
    });
    return timeOff;
  });
}

/** Removes time off: the doctor is bookable again then. */
export async function removeTimeOff(work: Work, input: z.output<typeof removeTimeOffInput>): Promise<void> {
  const doctor = await scheduleOwner(work, input.id);
  const timeOff = await work.em.findOne(TimeOff, { id: input.timeOffId, doctor });
  if (!timeOff)
    throw new DomainError('NOT_FOUND', { message: 'No such time off for this doctor.', field: 'timeOffId' });
  work.describe(timeOff, {
    action: 'schedule.remove-time-off',
    entityType: 'Doctor',
    entityId: doctor.id,
    changes: { timeOffId: timeOff.id, startsAt: timeOff.startsAt.toISOString(), endsAt: timeOff.endsAt.toISOString() },
  });
  work.em.remove(timeOff);
  await work.commit();
}
