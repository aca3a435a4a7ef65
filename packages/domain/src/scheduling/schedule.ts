import type { DoctorSchedule } from '@meditrack/contract';
import { authorize, authorizeOwn, readsArchived } from '../access/authorize.js';
import type { Doctor } from '../entities/doctor.js';
import type { TimeOff, WeeklySchedule } from '../entities/doctor-schedule.js';
import { instant, type WithTextInstants } from '../reads/instant.js';
import { selectBatch } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
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

type WeeklyHoursEntry = DoctorSchedule['weekly'][number];
type TimeOffEntry = DoctorSchedule['timeOff'][number];
type TimeOffRow = WithTextInstants<TimeOffEntry, 'startsAt' | 'endsAt'>;

/**
 * A doctor's weekly hours and their time off from now on: the doctor's existence (archived ones for
 * archived readers) and both lists in one round trip, as rows.
 */
export async function doctorSchedule(work: Work, doctorId: string): Promise<DoctorSchedule> {
  authorize(work.actor, 'doctors:read');
  const live = readsArchived(work.actor) ? '' : 'and e.archived_at is null';
  const [doctors, weekly, timeOff] = await selectBatch<[{ id: string }, WeeklyHoursEntry, TimeOffRow]>(work.em, [
    [`select d.id ${DOCTORS_WITH_ACCOUNTS} where d.id = ? ${live}`, [doctorId]],
    [
      `select w.id, w.weekday, w.start_time as "startTime", w.end_time as "endTime", w.valid_from as "validFrom",
              w.valid_to as "validTo", w.visit_type_ids as "visitTypeIds", w.version
         from doctor_weekly_schedules w where w.doctor_id = ? order by w.weekday asc, w.start_time asc`,
      [doctorId],
    ],
    [
      `select t.id, t.starts_at as "startsAt", t.ends_at as "endsAt", t.reason, t.version
         from doctor_time_off t where t.doctor_id = ? and t.ends_at > ? order by t.starts_at asc`,
      [doctorId, work.now()],
    ],
  ]);
  if (!doctors[0]) throw notFound('Doctor', doctorId);
  return {
    doctorId: doctors[0].id,
    timeZone: work.timeZone,
    weekly,
    timeOff: timeOff.map((t) => ({ ...t, startsAt: instant(t.startsAt), endsAt: instant(t.endsAt) })),
  };
}

export const weeklyHoursOf = (w: WeeklySchedule): WeeklyHoursEntry => ({
  id: w.id,
  weekday: w.weekday,
  startTime: w.startTime,
  endTime: w.endTime,
  validFrom: w.validFrom,
  validTo: w.validTo ?? null,
  visitTypeIds: w.visitTypeIds,
  version: w.version,
});

export const timeOffOf = (t: TimeOff): TimeOffEntry => ({
  id: t.id,
  startsAt: t.startsAt,
  endsAt: t.endsAt,
  reason: t.reason ?? null,
  version: t.version,
});
