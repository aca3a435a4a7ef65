import { ACTIVE_APPOINTMENT_STATUSES, addTimeOffInput, removeTimeOffInput, timeOffEntry } from '@meditrack/contract';
import { Appointment, DomainError, TimeOff } from '@meditrack/domain';
import { z } from 'zod';
import { audit } from '../../audit/record.js';
import { instantOf } from '../../scheduling/instants.js';
import { authorizeScheduleWrite } from '../../scheduling/permissions.js';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { findDoctorOr404 } from './find.js';

/**
 * POST /api/doctors/{id}/schedule/time-off. Refused (409, listing them) while active appointments
 * fall inside it: the front desk moves those patients first, nobody is silently left without a doctor.
 */
export const addTimeOff = authedProcedure
  .meta(rest('POST', '/doctors/{id}/schedule/time-off', { summary: 'Add time off', successStatus: 201 }))
  .input(addTimeOffInput)
  .output(timeOffEntry)
  .mutation(async ({ ctx, input }) => {
    const doctor = await findDoctorOr404(ctx.em, input.id);
    authorizeScheduleWrite(ctx, doctor);
    const startsAt = instantOf(ctx, input.startsAt, 'startsAt');
    const endsAt = instantOf(ctx, input.endsAt, 'endsAt');
    if (endsAt <= startsAt)
      throw new DomainError('VALIDATION_FAILED', { message: 'endsAt must be after startsAt.', field: 'endsAt' });
    const affected = await ctx.em.find(
      Appointment,
      {
        doctor,
        status: { $in: [...ACTIVE_APPOINTMENT_STATUSES] },
        startsAt: { $lt: endsAt },
        endsAt: { $gt: startsAt },
      },
      { fields: ['id'], limit: 50 },
    );
    if (affected.length) {
      throw new DomainError('APPOINTMENT_CONFLICT', {
        message: `${affected.length} active appointment(s) fall in this time off; reschedule or cancel them first.`,
        field: 'startsAt',
        details: { conflictingAppointmentIds: affected.map((a) => a.id), conflictingAppointmentId: affected[0]?.id },
      });
    }
    const timeOff = ctx.em.create(TimeOff, { doctor, startsAt, endsAt, reason: input.reason ?? null });
    audit(ctx, {
      action: 'schedule.add-time-off',
      entityType: 'Doctor',
      entityId: doctor.id,
      changes: { timeOffId: timeOff.id },
    });
    await ctx.em.flush();
    return { id: timeOff.id, startsAt, endsAt, reason: timeOff.reason ?? null, version: timeOff.version };
  });

/** DELETE /api/doctors/{id}/schedule/time-off/{timeOffId}: the doctor is bookable again then. */
export const removeTimeOff = authedProcedure
  .meta(
    rest('DELETE', '/doctors/{id}/schedule/time-off/{timeOffId}', { summary: 'Remove time off', successStatus: 204 }),
  )
  .input(removeTimeOffInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const doctor = await findDoctorOr404(ctx.em, input.id);
    authorizeScheduleWrite(ctx, doctor);
    const timeOff = await ctx.em.findOne(TimeOff, { id: input.timeOffId, doctor });
    if (!timeOff)
      throw new DomainError('NOT_FOUND', { message: 'No such time off for this doctor.', field: 'timeOffId' });
    audit(ctx, {
      action: 'schedule.remove-time-off',
      entityType: 'Doctor',
      entityId: doctor.id,
      changes: {
        timeOffId: timeOff.id,
        startsAt: timeOff.startsAt.toISOString(),
        endsAt: timeOff.endsAt.toISOString(),
      },
    });
    ctx.em.remove(timeOff);
    await ctx.em.flush();
  });
