import { Doctor } from '@meditrack/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../records/find.js';
import type { Statement } from '../../records/sql.js';
import { DOCTOR_POPULATE } from './dto.js';

/** A doctor by id, with employee and departments; archived (employee archived) ones only when asked. */
export async function findDoctorOr404(em: EntityManager, id: string, includeArchived = false): Promise<Doctor> {
  const doctor = await em.findOne(
    Doctor,
    { id, ...(includeArchived ? {} : { employee: { archivedAt: null } }) },
    { populate: DOCTOR_POPULATE },
  );
  if (!doctor) throw notFound('Doctor', id);
  return doctor;
}

/** Finds the doctor by id (archived ones included): for reads that need only the id; see `assertDoctorFound`. */
export const doctorExistsStatement = (id: string): Statement => ['select 1 from doctors where id = ?', [id]];

/** 404 unless `doctorExistsStatement` found a row. */
export function assertDoctorFound(rows: readonly unknown[], id: string): void {
  if (rows.length === 0) throw notFound('Doctor', id);
}
