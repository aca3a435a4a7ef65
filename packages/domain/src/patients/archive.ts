import { authorize } from '../access/authorize.js';
import { Patient } from '../entities/patient.js';
import { findOr404 } from '../records/find.js';
import type { Work } from '../work/work.js';

/** Archives a patient: hidden from everyone without `archived:read`; appointments and history are kept. */
export async function archivePatient(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'patients:archive');
  const patient = await findOr404(work, Patient, id);
  patient.archivedAt = work.now();
  work.describe(patient, { action: 'patient.archive' });
  await work.commit();
}
