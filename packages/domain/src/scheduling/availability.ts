import type { availabilityInput, searchAvailabilityInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { Filters } from '../records/page.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
import type { Work } from '../work/work.js';
import { type DoctorCalendar, type Interval, loadDoctorCalendars } from './calendar.js';
import { offering, timingRefusal } from './rules.js';
import { freeSlots } from './slots.js';
import { rangeOf } from './time.js';
import { liveVisitRules } from './visit-types.js';

interface BookableDoctor {
  id: string;
  name: string;
  surname: string | null;
  specialization: string;
  slotMinutes: number;
}

const BOOKABLE_DOCTORS = `select d.id, e.name, e.surname, d.specialization, d.default_appointment_minutes as "slotMinutes"
  ${DOCTORS_WITH_ACCOUNTS}`;

interface SlotRequest {
  range: Interval;
  visitTypeId?: string | undefined;
  explain?: boolean | undefined;
}

/**
 * Each doctor with their free slots over `range` for the visit type asked for (its rules, as a
 * booking checks them; a doctor outside its department has none), their calendars read in one
 * round trip.
 */
async function withSlots(work: Work, doctors: BookableDoctor[], request: SlotRequest) {
  const visitType = request.visitTypeId ? await liveVisitRules(work, request.visitTypeId) : null;
  const offeringDoctors = visitType ? await inDepartment(work, doctors, visitType.departmentId) : null;
  const calendars = await loadDoctorCalendars(
    work,
    doctors.map((d) => d.id),
    request.range,
  );
  const now = work.now();
  return doctors.map((doctor, k) => {
    const calendar = calendars[k] as DoctorCalendar;
    const offersType = !offeringDoctors || offeringDoctors.has(doctor.id);
    const { slots, unavailable } = offersType
      ? freeSlots(calendar, request.range, {
          visitType,
          slotMinutes: visitType?.durationMinutes ?? doctor.slotMinutes,
          timeZone: work.timeZone,
          now,
          timing: (start) => timingRefusal(work, start, visitType),
          offered: offering(calendar.weekly, visitType?.id ?? null),
        })
      : { slots: [], unavailable: [] };
    return {
      doctor,
      availability: {
        doctorId: doctor.id,
        timeZone: work.timeZone,
        visitTypeId: visitType?.id ?? null,
        slotMinutes: visitType?.durationMinutes ?? doctor.slotMinutes,
        slots: slots.map((s) => ({
          startsAt: s.start,
          endsAt: s.end,
          ...(s.remaining !== undefined ? { remaining: s.remaining } : {}),
        })),
        ...(request.explain
          ? { unavailable: unavailable.map((u) => ({ startsAt: u.start, endsAt: u.end, reason: u.reason })) }
          : {}),
      },
    };
  });
}

/** The ids of those of `doctors` who work in the department. */
async function inDepartment(work: Work, doctors: BookableDoctor[], departmentId: string): Promise<Set<string>> {
  if (doctors.length === 0) return new Set();
  const rows = await selectRows<{ id: string }>(
    work.em,
    `select doctor_id as id from doctor_departments
      where department_id = ? and doctor_id in (${doctors.map(() => '?').join(', ')})`,
    [departmentId, ...doctors.map((d) => d.id)],
  );
  return new Set(rows.map((r) => r.id));
}

/** A live doctor's free slots (weekly hours - time off - active appointments), for a visit type or the default length. */
export async function doctorAvailability(work: Work, input: z.output<typeof availabilityInput>) {
  authorize(work.actor, 'appointments:read');
  const range = rangeOf(work, input.from, input.to);
  const [doctor] = await selectRows<BookableDoctor>(
    work.em,
    `${BOOKABLE_DOCTORS} where d.id = ? and e.archived_at is null`,
    [input.id],
  );
  if (!doctor) throw notFound('Doctor', input.id);
  const [answer] = await withSlots(work, [doctor], { ...input, range });
  return (answer as NonNullable<typeof answer>).availability;
}

/** Free slots of every live doctor of a department or specialization (the first 50 by name). */
export async function searchAvailability(work: Work, input: z.output<typeof searchAvailabilityInput>) {
  authorize(work.actor, 'appointments:read');
  const range = rangeOf(work, input.from, input.to);
  const filters = new Filters().add('e.archived_at is null');
  if (input.departmentId) {
    filters.add(
      'exists (select 1 from doctor_departments dd where dd.doctor_id = d.id and dd.department_id = ?)',
      input.departmentId,
    );
  }
  if (input.specialization) filters.add('d.specialization ilike ?', containsPattern(input.specialization));
  const doctors = await selectRows<BookableDoctor>(
    work.em,
    `${BOOKABLE_DOCTORS} where ${filters.conditions.join(' and ')} order by e.search_name asc, d.id asc limit 50`,
    filters.params,
  );
  return {
    timeZone: work.timeZone,
    doctors: (await withSlots(work, doctors, { ...input, range })).map(({ doctor, availability }) => ({
      ...availability,
      name: [doctor.name, doctor.surname].filter(Boolean).join(' '),
      specialization: doctor.specialization,
    })),
  };
}
