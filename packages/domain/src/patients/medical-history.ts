import type {
  addMedicalHistoryInput,
  listMedicalHistoryInput,
  MedicalHistoryEntry as MedicalHistoryDto,
} from '@meditrack/contract';
import type { z } from 'zod';
import { authorize, readsArchived, requireEmployee } from '../access/authorize.js';
import { Employee } from '../entities/employee.js';
import { MedicalHistoryEntry } from '../entities/medical-history-entry.js';
import { Patient } from '../entities/patient.js';
import { DomainError } from '../errors/domain-error.js';
import { instant, type WithTextInstants } from '../reads/instant.js';
import { refuseFutureDate } from '../records/dates.js';
import { findOr404, notFound } from '../records/find.js';
import { listPage, pageOf } from '../records/page.js';
import type { Work } from '../work/work.js';
import { medicalHistoryEntryOf } from './dto.js';

const MEDICAL_HISTORY_COLUMNS = `m.id, m.patient_id as "patientId", m.recorded_on as "recordedOn", m.diagnosis, m.treatment,
  m.notes, m.recorded_by_id as "recordedById", m.amends_id as "amendsId", m.created_at as "createdAt"`;
type MedicalHistoryRow = WithTextInstants<MedicalHistoryDto, 'createdAt'>;

/** A patient's medical history: clinical data, every read audited. */
export async function listMedicalHistory(work: Work, input: z.output<typeof listMedicalHistoryInput>) {
  authorize(work.actor, 'medical-history:read');
  // The patient (archived ones for readers of archived records), sent with the page: 404 on patientId.
  const live = readsArchived(work.actor) ? '' : 'and p.archived_at is null';
  const page = await listPage<MedicalHistoryRow>(
    work.em,
    {
      columns: MEDICAL_HISTORY_COLUMNS,
      from: 'from medical_history_entries m',
      conditions: ['m.patient_id = ?'],
      params: [input.patientId],
      sortColumns: { recordedOn: 'm.recorded_on', createdAt: 'm.created_at' },
      idColumn: 'm.id',
      owner: {
        exists: [`select 1 from patients p where p.id = ? ${live}`, [input.patientId]],
        notFound: () => notFound('Patient', input.patientId, 'patientId'),
      },
    },
    input,
  );
  await work.recordRead({
    action: 'medical-history.read',
    entityType: 'Patient',
    entityId: input.patientId,
    changes: { ids: page.rows.map((e) => e.id), offset: input.offset },
  });
  return pageOf(
    page,
    page.rows.map((r): MedicalHistoryDto => ({ ...r, createdAt: instant(r.createdAt) })),
  );
}

/** Appends an entry (entries are never edited: a correction names the entry it amends). */
export async function addMedicalHistory(work: Work, input: z.output<typeof addMedicalHistoryInput>) {
  authorize(work.actor, 'medical-history:write');
  refuseFutureDate(work, input.recordedOn, 'recordedOn');
  const patient = await findOr404(work, Patient, input.patientId, { field: 'patientId' });
  let amends: MedicalHistoryEntry | null = null;
  if (input.amendsId) {
    amends = await work.em.findOne(MedicalHistoryEntry, { id: input.amendsId, patient });
    if (!amends) {
      throw new DomainError('UNKNOWN_REFERENCE', {
        message: 'amendsId must name an entry of the same patient.',
        field: 'amendsId',
      });
    }
  }
  const entry = work.em.create(MedicalHistoryEntry, {
    patient,
    recordedOn: input.recordedOn,
    diagnosis: input.diagnosis,
    treatment: input.treatment ?? null,
    notes: input.notes ?? null,
    recordedBy: work.em.getReference(Employee, requireEmployee(work.actor).id),
    amends,
  });
  work.describe(entry, {
    action: 'medical-history.add',
    entityType: 'Patient',
    entityId: patient.id,
    changes: { entryId: entry.id },
  });
  await work.commit();
  return medicalHistoryEntryOf(entry);
}
