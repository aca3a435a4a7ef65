import { Doctor } from '@meditrack/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../records/find.js';
import { selectRows } from '../../records/sql.js';
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

/** 404 unless the doctor exists (archived ones included): for reads that need only the id. */
export async function assertDoctorExists(em: EntityManager, id: string): Promise<void> {
  const [found] = await selectRows(em, 'select 1 from doctors where id = ?', [id]);
  if (!found) throw notFound('Doctor', id);
}
