import type {
  AppointmentAnswer,
  departmentDayInput,
  doctorCalendarInput,
  listAppointmentsInput,
  patientCalendarInput,
} from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, readsArchived } from '../access/authorize.js';
import { type Statement, selectBatch, selectRows } from '../reads/sql.js';
import { notFound } from '../records/find.js';
import { Filters, listPage, pageOf } from '../records/page.js';
import type { Work } from '../work/work.js';
import type { Interval } from './calendar.js';
import { APPOINTMENT_COLUMNS, type AppointmentRow, appointmentAnswer, appointmentOfRow } from './dto.js';
import { earliestOverlappingStart } from './overlap-window.js';
import { instantOf, rangeOf } from './time.js';

/**
 * Every read of appointments: shaped for the reader (no clinical fields without the permission),
 * hiding the appointments of archived patients from readers without `archived:read`, and audited
 * (one event per request naming the appointments and patients returned).
 */

/** The FROM clause: appointments, joined to their patient when archived patients must stay hidden. */
function fromAppointments(work: Work): string {
  return readsArchived(work.actor)
    ? 'from appointments a'
    : 'from appointments a join patients p on p.id = a.patient_id and p.archived_at is null';
}

async function answer(work: Work, action: string, rows: AppointmentRow[], entityId: string | null = null) {
  await work.recordRead({
    action,
    entityType: 'Appointment',
    entityId,
    changes: { ids: rows.map((r) => r.id), patientIds: [...new Set(rows.map((r) => r.patientId))] },
  });
  return rows.map((r) => appointmentAnswer(work.actor, appointmentOfRow(r)));
}

export async function getAppointment(work: Work, id: string): Promise<AppointmentAnswer> {
  authorize(work.actor, 'appointments:read');
  const rows = await selectRows<AppointmentRow>(
    work.em,
    `select ${APPOINTMENT_COLUMNS} ${fromAppointments(work)} where a.id = ?`,
    [id],
  );
  if (rows.length === 0) throw notFound('Appointment', id);
  const [shaped] = await answer(work, 'appointment.read', rows, id);
  return shaped as AppointmentAnswer;
}

const SORT_COLUMNS = { startsAt: 'a.starts_at', createdAt: 'a.created_at' };

/** By doctor, patient, status and a time range (appointments overlapping [from, to)). */
export async function listAppointments(work: Work, input: z.output<typeof listAppointmentsInput>) {
  authorize(work.actor, 'appointments:read');
  const filters = new Filters();
  const where = filters.add.bind(filters);
  if (input.doctorId) where('a.doctor_id = ?', input.doctorId);
  if (input.patientId) where('a.patient_id = ?', input.patientId);
  if (input.status) where('a.status = ?', input.status);
  const from = input.from ? instantOf(work, input.from, 'from') : undefined;
  const to = input.to ? instantOf(work, input.to, 'to') : undefined;
  if (from) where('a.ends_at > ? and a.starts_at > ?', from, earliestOverlappingStart(from));
  if (to) where('a.starts_at < ?', to);
  const page = await listPage<AppointmentRow>(
    work.em,
    {
      columns: APPOINTMENT_COLUMNS,
      from: fromAppointments(work),
      ...filters,
      sortColumns: SORT_COLUMNS,
      idColumn: 'a.id',
    },
    input,
  );
  return pageOf(page, await answer(work, 'appointment.list', page.rows));
}

/**
 * Every appointment (any status) of these doctors or this patient overlapping `range`, in time
 * order: the raw material of calendars, as a statement so a calendar sends it with its other reads.
 */
function inRangeStatement(
  work: Work,
  who: { doctorIds: string[] } | { patientId: string },
  range: Interval,
): Statement {
  const [condition, ids] =
    'patientId' in who ? ['a.patient_id = ?', [who.patientId]] : ['a.doctor_id in (?)', [who.doctorIds]];
  return [
    `select ${APPOINTMENT_COLUMNS} ${fromAppointments(work)}
     where ${condition} and a.starts_at < ? and a.starts_at > ? and a.ends_at > ?
     order by a.starts_at asc, a.id asc`,
    [...ids, range.end, earliestOverlappingStart(range.start), range.start],
  ];
}

/** `select 1` when the record exists and the reader may see it (archived ones need `archived:read`). */
function visibleRecordStatement(work: Work, table: string, archivedColumn: string, id: string, join = ''): Statement {
  const live = readsArchived(work.actor) ? '' : `and ${archivedColumn} is null`;
  return [`select 1 from ${table} ${join} where r.id = ? ${live}`, [id]];
}

/** A calendar: the record's existence (404 unless the reader may see it) and its appointments over a range, in one round trip. */
async function calendarOf(
  work: Work,
  input: { id: string; from: string; to: string },
  record: { name: 'Doctor' | 'Patient'; exists: Statement; whose: { doctorIds: string[] } | { patientId: string } },
) {
  authorize(work.actor, 'appointments:read');
  const range = rangeOf(work, input.from, input.to);
  const [found, rows] = await selectBatch<[unknown, AppointmentRow]>(work.em, [
    record.exists,
    inRangeStatement(work, record.whose, range),
  ]);
  if (found.length === 0) throw notFound(record.name, input.id);
  return {
    from: range.start,
    to: range.end,
    timeZone: work.timeZone,
    items: await answer(work, `appointment.${record.name.toLowerCase()}-calendar`, rows),
  };
}

/** A doctor's appointments over a range (at most MAX_RANGE_DAYS). */
export const doctorCalendar = (work: Work, input: z.output<typeof doctorCalendarInput>) =>
  calendarOf(work, input, {
    name: 'Doctor',
    exists: visibleRecordStatement(
      work,
      'doctors r',
      'e.archived_at',
      input.id,
      'join employees e on e.id = r.employee_id',
    ),
    whose: { doctorIds: [input.id] },
  });

/** A patient's appointments over a range. */
export const patientCalendar = (work: Work, input: z.output<typeof patientCalendarInput>) =>
  calendarOf(work, input, {
    name: 'Patient',
    exists: visibleRecordStatement(work, 'patients r', 'r.archived_at', input.id),
    whose: { patientId: input.id },
  });

/** Every live doctor of a department and their appointments on one day. */
export async function departmentDay(work: Work, input: z.output<typeof departmentDayInput>) {
  authorize(work.actor, 'appointments:read');
  const range = rangeOf(work, input.date, input.date);
  const [department, doctors] = await selectBatch<[unknown, { doctorId: string; name: string }]>(work.em, [
    visibleRecordStatement(work, 'departments r', 'r.archived_at', input.id),
    [
      `select d.id as "doctorId", concat_ws(' ', e.name, e.surname) as name
       from doctor_departments dd join doctors d on d.id = dd.doctor_id join employees e on e.id = d.employee_id
       where dd.department_id = ? and e.archived_at is null order by e.search_name asc, d.id asc`,
      [input.id],
    ],
  ]);
  if (department.length === 0) throw notFound('Department', input.id);
  const rows = doctors.length
    ? await selectRows<AppointmentRow>(
        work.em,
        ...inRangeStatement(work, { doctorIds: doctors.map((d) => d.doctorId) }, range),
      )
    : [];
  const items = await answer(work, 'appointment.department-day', rows);
  return {
    departmentId: input.id,
    date: input.date,
    timeZone: work.timeZone,
    doctors: doctors.map((d) => ({
      doctorId: d.doctorId,
      name: d.name,
      appointments: items.filter((a) => a.doctorId === d.doctorId),
    })),
  };
}
