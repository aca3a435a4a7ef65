import type { availabilityInput, searchAvailabilityInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { Filters } from '../records/page.js';
import { DOCTORS_WITH_ACCOUNTS } from '../staff/doctors.js';
import type { Work } from '../work/work.js';
import { type DoctorCalendar, freeSlots, type Interval, loadDoctorCalendars } from './calendar.js';
import { rangeOf } from './time.js';

interface BookableDoctor {
  id: string;
  name: string;
  surname: string | null;
  specialization: string;
  slotMinutes: number;
}

const BOOKABLE_DOCTORS = `select d.id, e.name, e.surname, d.specialization, d.default_appointment_minutes as "slotMinutes"
  ${DOCTORS_WITH_ACCOUNTS}`;

/** Each doctor with their free slots over `range`, their calendars read in one round trip. */
async function withSlots(work: Work, doctors: BookableDoctor[], range: Interval) {
  const calendars = await loadDoctorCalendars(
    work,
    doctors.map((d) => d.id),
    range,
  );
  const now = work.now();
  return doctors.map((doctor, k) => ({
    doctor,
    availability: {
      doctorId: doctor.id,
      timeZone: work.timeZone,
      slotMinutes: doctor.slotMinutes,
      slots: freeSlots(calendars[k] as DoctorCalendar, range, doctor.slotMinutes, work.timeZone, now).map((s) => ({
        startsAt: s.start,
        endsAt: s.end,
      })),
    },
  }));
}

/** A live doctor's free slots (weekly hours - time off - active appointments). */
export async function doctorAvailability(work: Work, input: z.output<typeof availabilityInput>) {
  authorize(work.actor, 'appointments:read');
  const range = rangeOf(work, input.from, input.to);
  const [doctor] = await selectRows<BookableDoctor>(
    work.em,
    `${BOOKABLE_DOCTORS} where d.id = ? and e.archived_at is null`,
    [input.id],
  );
  if (!doctor) throw notFound('Doctor', input.id);
  const [answer] = await withSlots(work, [doctor], range);
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
    doctors: (await withSlots(work, doctors, range)).map(({ doctor, availability }) => ({
      ...availability,
      name: [doctor.name, doctor.surname].filter(Boolean).join(' '),
      specialization: doctor.specialization,
    })),
  };
}
