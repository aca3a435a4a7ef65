import { Doctor, DomainError } from '@meditrack/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DOCTOR_POPULATE } from './dto.js';

/** A doctor by id, with employee and departments; archived (employee archived) ones only when asked. */
export async function findDoctorOr404(em: EntityManager, id: string, includeArchived = false): Promise<Doctor> {
  const doctor = await em.findOne(
    Doctor,
    { id, ...(includeArchived ? {} : { employee: { archivedAt: null } }) },
    { populate: DOCTOR_POPULATE },
  );
  if (!doctor) throw new DomainError('NOT_FOUND', { message: `Doctor ${id} does not exist.`, field: 'id' });
  return doctor;
}
