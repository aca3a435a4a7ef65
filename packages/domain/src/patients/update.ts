import type { updatePatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Patient } from '../entities/patient.js';
import { findOr404 } from '../records/find.js';
import { expectVersion } from '../records/version.js';
import type { Work } from '../work/work.js';
import { patientFields } from './fields.js';

/** Replaces a live patient's editable fields; needs the current version (the audit names the changed fields). */
export async function updatePatient(work: Work, input: z.output<typeof updatePatientInput>): Promise<Patient> {
  authorize(work.actor, 'patients:write');
  const patient = await findOr404(work, Patient, input.id);
  expectVersion(patient, input.version);
  const { id, version, ...fields } = input;
  work.em.assign(patient, await patientFields(work, fields));
  await work.commit();
  return patient;
}
