import type { createPatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { Department } from '../entities/department.js';
import { refuseImplausibleBirthDate } from '../records/dates.js';
import { liveReference } from '../records/find.js';
import type { Work } from '../work/work.js';

/** The patient columns of a registration or an update (PUT replaces every editable field). */
export async function patientFields(work: Work, input: z.output<typeof createPatientInput>) {
  refuseImplausibleBirthDate(work, input.dateOfBirth, 'dateOfBirth');
  return {
    name: input.name,
    surname: input.surname ?? null,
    gender: input.gender,
    dateOfBirth: input.dateOfBirth,
    nationalId: input.nationalId,
    address: input.address ?? null,
    phone: input.phone ?? null,
    email: input.email?.toLowerCase() ?? null,
    department: input.departmentId ? await liveReference(work, Department, input.departmentId, 'departmentId') : null,
  };
}
