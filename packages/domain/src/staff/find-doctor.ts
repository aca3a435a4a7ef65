import { readsArchived } from '../access/authorize.js';
import { Doctor } from '../entities/doctor.js';
import { notFound } from '../records/find.js';
import type { Work } from '../work/work.js';

/** What a doctor's answer needs loaded. */
export const DOCTOR_POPULATE = ['employee', 'departments'] as const;

/**
 * A doctor by id, with account and departments. An archived doctor (archived account) is found
 * only for `archived: 'readable'` reads by actors with `archived:read`; writes need a live one.
 */
export async function findDoctor(
  work: Work,
  id: string,
  archived: 'readable' | 'excluded' = 'excluded',
): Promise<Doctor> {
  const doctor = await work.em.findOne(Doctor, id, { populate: DOCTOR_POPULATE });
  if (!doctor || (doctor.employee.archivedAt && !(archived === 'readable' && readsArchived(work.actor)))) {
    throw notFound('Doctor', id);
  }
  return doctor;
}
