import type { createPatientInput } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import type { z } from 'zod';
import { referenceOr422 } from '../../records/find.js';
import type { AuthedContext } from '../../trpc/init.js';

/** The patient columns for the editable fields of a create or update (PUT replaces them all). */
export async function patientColumns(ctx: AuthedContext, input: z.output<typeof createPatientInput>) {
  return {
    name: input.name,
    surname: input.surname ?? null,
    gender: input.gender,
    dateOfBirth: input.dateOfBirth,
    nationalId: input.nationalId,
    address: input.address ?? null,
    phone: input.phone ?? null,
    email: input.email?.toLowerCase() ?? null,
    department: input.departmentId
      ? await referenceOr422(ctx.em, Department, input.departmentId, 'departmentId')
      : null,
  };
}
