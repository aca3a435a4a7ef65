import type { createPatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { Department } from '../entities/department.js';
import { refuseImplausibleBirthDate } from '../records/dates.js';
import { liveReference } from '../records/find.js';
import type { Work } from '../work/work.js';

/** The editable values of a registration or an update as stored (PUT replaces every one), checked. */
export function patientValues(work: Work, input: z.output<typeof createPatientInput>) {
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
    departmentId: input.departmentId ?? null,
  };
}

/** The patient columns of a registration, the department a live reference. */
export async function patientFields(work: Work, input: z.output<typeof createPatientInput>) {
  const { departmentId, ...values } = patientValues(work, input);
  return {
    ...values,
    department: departmentId ? await liveReference(work, Department, departmentId, 'departmentId') : null,
  };
}
