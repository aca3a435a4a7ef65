import type { DoctorSchedule } from '@meditrack/contract';
import { authorize, authorizeOwn } from '../access/authorize.js';
import type { Doctor } from '../entities/doctor.js';
import { TimeOff, WeeklySchedule } from '../entities/doctor-schedule.js';
import { findDoctor } from '../staff/find-doctor.js';
import type { Work } from '../work/work.js';

/** The live doctor whose schedule the actor changes: admins change any, a doctor their own (`schedules:write-own`). */
export async function scheduleOwner(work: Work, doctorId: string): Promise<Doctor> {
  const doctor = await findDoctor(work, doctorId);
  authorizeOwn(
    work.actor,
    'schedules:write-own',
    doctor.employee.id,
    'Only admins, or the doctor themselves, can change a doctor’s schedule.',
  );
  return doctor;
}

/** A doctor's weekly hours and their time off from now on. */
export async function doctorSchedule(work: Work, doctorId: string): Promise<DoctorSchedule> {
  authorize(work.actor, 'doctors:read');
  const doctor = await findDoctor(work, doctorId, 'readable');
  const [weekly, timeOff] = await Promise.all([
    work.em.find(WeeklySchedule, { doctor }, { orderBy: { weekday: 'asc', startTime: 'asc' } }),
    work.em.find(TimeOff, { doctor, endsAt: { $gt: work.now() } }, { orderBy: { startsAt: 'asc' } }),
  ]);
  return {
    doctorId: doctor.id,
    timeZone: work.timeZone,
    weekly: weekly.map(weeklyHoursOf),
    timeOff: timeOff.map(timeOffOf),
  };
}

export const weeklyHoursOf = (w: WeeklySchedule) => ({
  id: w.id,
  weekday: w.weekday,
  startTime: w.startTime,
  endTime: w.endTime,
  validFrom: w.validFrom,
  validTo: w.validTo ?? null,
  version: w.version,
});

export const timeOffOf = (t: TimeOff) => ({
  id: t.id,
  startsAt: t.startsAt,
  endsAt: t.endsAt,
  reason: t.reason ?? null,
  version: t.version,
});
