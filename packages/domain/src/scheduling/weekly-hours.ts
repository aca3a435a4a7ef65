import type { addWeeklyHoursInput, removeWeeklyHoursInput, Weekday } from '@meditrack/contract';
import type { z } from 'zod';
import { WeeklySchedule } from '../entities/doctor-schedule.js';
import { DomainError } from '../errors/domain-error.js';
import { selectRows } from '../reads/sql.js';
import { addDays, localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';
import { scheduleOwner } from './schedule.js';

const normaliseTime = (t: string) => (t.length === 5 ? `${t}:00` : t.slice(0, 8));

/** The visit types weekly hours may be kept for: live ones of the doctor's departments (UNKNOWN_REFERENCE naming the first other). */
async function offeredVisitTypes(work: Work, doctorId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await selectRows<{ id: string }>(
    work.em,
    `select v.id from visit_types v
      where v.id in (${unique.map(() => '?').join(', ')}) and v.archived_at is null
        and exists (select 1 from doctor_departments dd where dd.doctor_id = ? and dd.department_id = v.department_id)`,
    [...unique, doctorId],
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new DomainError('UNKNOWN_REFERENCE', {
      message: 'No live visit type of the doctor’s departments has this id.',
      field: `visitTypeIds.${missing}`,
    });
  }
  return unique;
}

/** Working hours on one weekday, from a date (until another); no overlap with the doctor's other hours. */
export async function addWeeklyHours(work: Work, input: z.output<typeof addWeeklyHoursInput>): Promise<WeeklySchedule> {
  const doctor = await scheduleOwner(work, input.id);
  const startTime = normaliseTime(input.startTime);
  const endTime = normaliseTime(input.endTime);
  if (endTime <= startTime) {
    throw new DomainError('VALIDATION_FAILED', { message: 'endTime must be after startTime.', field: 'endTime' });
  }
  if (input.validTo && input.validTo < input.validFrom) {
    throw new DomainError('VALIDATION_FAILED', { message: 'validTo must not be before validFrom.', field: 'validTo' });
  }
  const visitTypeIds = await offeredVisitTypes(work, doctor.id, input.visitTypeIds ?? []);
  const clash = await work.em.findOne(WeeklySchedule, {
    doctor,
    weekday: input.weekday as Weekday,
    startTime: { $lt: endTime },
    endTime: { $gt: startTime },
    ...(input.validTo ? { validFrom: { $lte: input.validTo } } : {}),
    $or: [{ validTo: null }, { validTo: { $gte: input.validFrom } }],
  });
  if (clash)
    throw new DomainError('SCHEDULE_CONFLICT', { field: 'startTime', details: { conflictingEntryId: clash.id } });
  const entry = work.em.create(WeeklySchedule, {
    doctor,
    weekday: input.weekday as Weekday,
    startTime,
    endTime,
    validFrom: input.validFrom,
    validTo: input.validTo ?? null,
    visitTypeIds,
  });
  work.describe(entry, {
    action: 'schedule.add-hours',
    entityType: 'Doctor',
    entityId: doctor.id,
    changes: { entryId: entry.id },
  });
  await work.commit();
  return entry;
}

/**
 * Ends weekly hours yesterday (their past stays on record); an entry that has not started yet is
 * removed. Booked appointments are not touched.
 */
export async function removeWeeklyHours(work: Work, input: z.output<typeof removeWeeklyHoursInput>): Promise<void> {
  const doctor = await scheduleOwner(work, input.id);
  const entry = await work.em.findOne(WeeklySchedule, { id: input.entryId, doctor });
  if (!entry)
    throw new DomainError('NOT_FOUND', { message: 'No such weekly hours for this doctor.', field: 'entryId' });
  const yesterday = addDays(localDateOf(work.now(), work.timeZone), -1);
  if (entry.validFrom <= yesterday)
    entry.validTo = entry.validTo && entry.validTo < yesterday ? entry.validTo : yesterday;
  else work.em.remove(entry);
  work.describe(entry, {
    action: 'schedule.end-hours',
    entityType: 'Doctor',
    entityId: doctor.id,
    changes: { entryId: entry.id },
  });
  await work.commit();
}
