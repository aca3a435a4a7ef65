import type { createPatientInput } from '@meditrack/contract';
import type { z } from 'zod';
import { authorize } from '../access/authorize.js';
import { Patient } from '../entities/patient.js';
import type { Work } from '../work/work.js';
import { patientFields } from './fields.js';

/** Registers a patient; the national ID (NIK) is unique, the MRN drawn by the database. */
export async function registerPatient(work: Work, input: z.output<typeof createPatientInput>): Promise<Patient> {
  authorize(work.actor, 'patients:write');
  const patient = work.em.create(Patient, await patientFields(work, input));
  await work.commit();
  return patient;
}
