import type {
  createVisitTypeInput,
  departmentVisitTypesInput,
  updateVisitTypeInput,
  VisitType as VisitTypeDto,
} from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Department } from '../entities/department.js';
import { VisitType } from '../entities/visit-type.js';
import { DomainError } from '../errors/domain-error.js';
import { instant, optionalInstant, type WithTextInstants } from '../reads/instant.js';
import { type Statement, selectBatch, selectRows } from '../reads/sql.js';
import { findOr404, notFound, refuseDeadReference } from '../records/find.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';

type Rules = Omit<z.output<typeof createVisitTypeInput>, 'id'>;

const rulesOf = (input: Rules) => ({
  name: input.name,
  durationMinutes: input.durationMinutes,
  bufferBeforeMinutes: input.bufferBeforeMinutes,
  bufferAfterMinutes: input.bufferAfterMinutes,
  minNoticeMinutes: input.minNoticeMinutes,
  horizonDays: input.horizonDays,
  rescheduleCutoffMinutes: input.rescheduleCutoffMinutes,
  cancelCutoffMinutes: input.cancelCutoffMinutes,
  capacity: input.capacity,
  dailyQuotaPerDoctor: input.dailyQuotaPerDoctor,
});

export function visitTypeOf(v: VisitType): VisitTypeDto {
  return {
    id: v.id,
    departmentId: v.department.id,
    ...rulesOf({ ...v, horizonDays: v.horizonDays ?? null, dailyQuotaPerDoctor: v.dailyQuotaPerDoctor ?? null }),
    archivedAt: v.archivedAt ?? null,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

/** A visit type of a live department (visit-types:write). */
export async function createVisitType(work: Work, input: z.output<typeof createVisitTypeInput>) {
  authorize(work.actor, 'visit-types:write');
  const department = await findOr404(work, Department, input.id);
  const visitType = work.em.create(VisitType, { department, ...rulesOf(input) });
  await work.commit();
  return visitTypeOf(visitType);
}

/** New rules for a live visit type; booked appointments keep their times (they are checked at booking). */
export async function updateVisitType(work: Work, input: z.output<typeof updateVisitTypeInput>) {
  authorize(work.actor, 'visit-types:write');
  const visitType = await findOr404(work, VisitType, input.id, { archived: 'excluded' });
  expectVersion(visitType, input.version);
  work.em.assign(visitType, rulesOf(input));
  await work.commit();
  return visitTypeOf(visitType);
}

/** No longer booked; appointments of the type keep it. */
export async function archiveVisitType(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'visit-types:write');
  const visitType = await findOr404(work, VisitType, id, { archived: 'excluded' });
  visitType.archivedAt = work.now();
  work.describe(visitType, { action: 'visit-type.archive' });
  await work.commit();
}

/** A visit type read straight from SQL, columns named after the answer's fields. */
export const VISIT_TYPE_COLUMNS = `v.id, v.department_id as "departmentId", v.name, v.duration_minutes as "durationMinutes",
  v.buffer_before_minutes as "bufferBeforeMinutes", v.buffer_after_minutes as "bufferAfterMinutes",
  v.min_notice_minutes as "minNoticeMinutes", v.horizon_days as "horizonDays",
  v.reschedule_cutoff_minutes as "rescheduleCutoffMinutes", v.cancel_cutoff_minutes as "cancelCutoffMinutes",
  v.capacity, v.daily_quota_per_doctor as "dailyQuotaPerDoctor", v.archived_at as "archivedAt", v.version,
  v.created_at as "createdAt", v.updated_at as "updatedAt"`;
type VisitTypeRow = WithTextInstants<VisitTypeDto, 'archivedAt' | 'createdAt' | 'updatedAt'>;
const visitTypeOfRow = (r: VisitTypeRow): VisitTypeDto => ({
  ...r,
  archivedAt: optionalInstant(r.archivedAt),
  createdAt: instant(r.createdAt),
  updatedAt: instant(r.updatedAt),
});

/** A department's live visit types, by name. */
export async function departmentVisitTypes(work: Work, input: z.output<typeof departmentVisitTypesInput>) {
  authorize(work.actor, 'appointments:read');
  const [departments, rows] = await selectBatch<[{ id: string }, VisitTypeRow]>(work.em, [
    ['select id from departments where id = ? and archived_at is null', [input.id]],
    [
      `select ${VISIT_TYPE_COLUMNS} from visit_types v where v.department_id = ? and v.archived_at is null
        order by lower(v.name) asc, v.id asc`,
      [input.id],
    ],
  ]);
  if (!departments[0]) throw notFound('Department', input.id);
  return { departmentId: input.id, items: rows.map(visitTypeOfRow) };
}

/** A visit type's rules as a booking applies them. */
export type VisitRules = Pick<
  VisitTypeDto,
  | 'id'
  | 'departmentId'
  | 'durationMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minNoticeMinutes'
  | 'horizonDays'
  | 'rescheduleCutoffMinutes'
  | 'cancelCutoffMinutes'
  | 'capacity'
  | 'dailyQuotaPerDoctor'
>;

/** A visit type a booking names, with whether one of the doctor's departments offers it. */
export type BookedVisitTypeRow = VisitRules & { archivedAt: string | null; offered: boolean };

/** The row `bookableVisitType` checks: read with the booking's doctor, in one round trip. */
export const bookedVisitTypeStatement = (visitTypeId: string, doctorId: string): Statement => [
  `select ${VISIT_TYPE_COLUMNS},
          exists (select 1 from doctor_departments dd where dd.doctor_id = ? and dd.department_id = v.department_id) as offered
     from visit_types v where v.id = ?`,
  [doctorId, visitTypeId],
];

/**
 * The live visit type a booking names, offered by one of the doctor's departments:
 * UNKNOWN_REFERENCE when absent or archived, VISIT_TYPE_NOT_OFFERED when another department's.
 */
export function bookableVisitType(row: BookedVisitTypeRow | undefined): VisitRules {
  refuseDeadReference('visit type', row, 'visitTypeId');
  if (!row.offered) {
    throw new DomainError('VISIT_TYPE_NOT_OFFERED', {
      message: 'The visit type belongs to a department the doctor does not work in.',
      field: 'visitTypeId',
    });
  }
  return row;
}

const visitTypeRow = async (work: Work, id: string) =>
  (
    await selectRows<VisitRules & { archivedAt: string | null }>(
      work.em,
      `select ${VISIT_TYPE_COLUMNS} from visit_types v where v.id = ?`,
      [id],
    )
  )[0];

/** The rules of an appointment's visit type (archived or not: it was booked under them). */
export async function visitRulesOf(work: Work, visitTypeId: string): Promise<VisitRules> {
  const row = await visitTypeRow(work, visitTypeId);
  if (!row) throw notFound('Visit type', visitTypeId, 'visitTypeId');
  return row;
}

/** A live visit type's rules (UNKNOWN_REFERENCE on visitTypeId otherwise). */
export async function liveVisitRules(work: Work, visitTypeId: string): Promise<VisitRules> {
  const row = await visitTypeRow(work, visitTypeId);
  refuseDeadReference('visit type', row, 'visitTypeId');
  return row;
}
