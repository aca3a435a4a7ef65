import type { createPatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { Department } from '../entities/department.js';
import { DomainError } from '../errors/domain-error.js';
import { liveReference } from '../records/find.js';
import { localDateOf } from '../time/zone.js';
import type { Work } from '../work/work.js';

/** The earliest date of birth taken: anything before is a typing mistake. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/** A record date (a birth, a medical history entry) must not lie after today, in the hospital's time zone. */
export function refuseFutureDate(work: Work, date: string, field: string): void {
  if (date > localDateOf(work.now(), work.timeZone)) {
    throw new DomainError('VALIDATION_FAILED', { message: `${field} cannot be in the future.`, field });
  }
}

/** The patient columns of a registration or an update (PUT replaces every editable field). */
export async function patientFields(work: Work, input: z.output<typeof createPatientInput>) {
  refuseFutureDate(work, input.dateOfBirth, 'dateOfBirth');
  if (input.dateOfBirth < EARLIEST_BIRTH_DATE) {
    throw new DomainError('VALIDATION_FAILED', {
      message: `dateOfBirth cannot be before ${EARLIEST_BIRTH_DATE}.`,
      field: 'dateOfBirth',
    });
  }
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
