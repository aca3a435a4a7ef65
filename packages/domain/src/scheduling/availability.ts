import type { availabilityInput, searchAvailabilityInput } from '@meditrack/contract';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Doctor } from '../entities/doctor.js';
import { containsPattern } from '../records/like.js';
import { DOCTOR_POPULATE, findDoctor } from '../staff/find-doctor.js';
import type { Work } from '../work/work.js';
import { freeSlots, loadDoctorCalendar } from './calendar.js';
import { rangeOf } from './time.js';

async function slotsOf(work: Work, doctor: Doctor, from: string, to: string) {
  const range = rangeOf(work, from, to);
  const calendar = await loadDoctorCalendar(work.em, doctor.id, range, work.timeZone);
  const slots = freeSlots(calendar, range, doctor.defaultAppointmentMinutes, work.timeZone, work.now());
  return {
    doctorId: doctor.id,
    timeZone: work.timeZone,
    slotMinutes: doctor.defaultAppointmentMinutes,
    slots: slots.map((s) => ({ startsAt: s.start, endsAt: s.end })),
  };
}

/** A live doctor's free slots (weekly hours - time off - active appointments). */
export async function doctorAvailability(work: Work, input: z.output<typeof availabilityInput>) {
  authorize(work.actor, 'appointments:read');
  return slotsOf(work, await findDoctor(work, input.id), input.from, input.to);
}

/** Free slots of every live doctor of a department or specialization (the first 50 by name). */
export async function searchAvailability(work: Work, input: z.output<typeof searchAvailabilityInput>) {
  authorize(work.actor, 'appointments:read');
  const where: FilterQuery<Doctor> = { employee: { archivedAt: null } };
  if (input.departmentId) where.departments = input.departmentId;
  if (input.specialization) where.specialization = { $ilike: containsPattern(input.specialization) };
  const doctors = await work.em.find(Doctor, where, {
    populate: DOCTOR_POPULATE,
    orderBy: { employee: { searchName: 'asc' } },
    limit: 50,
  });
  const results = [];
  // One doctor at a time: on the embedded database every query queues on one session anyway.
  for (const doctor of doctors) {
    results.push({
      ...(await slotsOf(work, doctor, input.from, input.to)),
      name: [doctor.employee.name, doctor.employee.surname].filter(Boolean).join(' '),
      specialization: doctor.specialization,
    });
  }
  return { timeZone: work.timeZone, doctors: results };
}
