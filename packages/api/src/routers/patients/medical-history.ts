import {
  addMedicalHistoryInput,
  listMedicalHistoryInput,
  medicalHistoryEntry,
  medicalHistoryPage,
} from '@meditrack/contract';
import { DomainError, Employee, MedicalHistoryEntry, Patient } from '@meditrack/domain';
import { audit, auditRead } from '../../audit/record.js';
import { readsArchived } from '../../records/archived.js';
import { findOr404 } from '../../records/find.js';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toMedicalHistoryDto } from './dto.js';

/** GET /api/patients/{patientId}/medical-history: clinical data, every read audited. */
export const listMedicalHistory = permissionProcedure('medical-history:read')
  .meta(rest('GET', '/patients/{patientId}/medical-history', { summary: 'A patient’s medical history' }))
  .input(listMedicalHistoryInput)
  .output(medicalHistoryPage)
  .query(async ({ ctx, input }) => {
    const patient = await findOr404(ctx.em, Patient, input.patientId, { includeArchived: readsArchived(ctx) });
    const page = await findPage(ctx.em, MedicalHistoryEntry, { patient }, input, { sortFields: {} });
    await auditRead(ctx, {
      action: 'medical-history.read',
      entityType: 'Patient',
      entityId: patient.id,
      changes: { entries: page.items.length, offset: input.offset },
    });
    return { ...page, items: page.items.map(toMedicalHistoryDto) };
  });

/** POST /api/patients/{patientId}/medical-history: appends an entry (entries are never edited). */
export const addMedicalHistory = permissionProcedure('medical-history:write')
  .meta(
    rest('POST', '/patients/{patientId}/medical-history', {
      summary: 'Add a medical history entry',
      successStatus: 201,
    }),
  )
  .input(addMedicalHistoryInput)
  .output(medicalHistoryEntry)
  .mutation(async ({ ctx, input }) => {
    const patient = await findOr404(ctx.em, Patient, input.patientId);
    let amends: MedicalHistoryEntry | null = null;
    if (input.amendsId) {
      amends = await ctx.em.findOne(MedicalHistoryEntry, { id: input.amendsId, patient });
      if (!amends) {
        throw new DomainError('UNKNOWN_REFERENCE', {
          message: 'amendsId must name an entry of the same patient.',
          field: 'amendsId',
        });
      }
    }
    const entry = ctx.em.create(MedicalHistoryEntry, {
      patient,
      recordedOn: input.recordedOn,
      diagnosis: input.diagnosis,
      treatment: input.treatment ?? null,
      notes: input.notes ?? null,
      recordedBy: ctx.em.getReference(Employee, ctx.user.id),
      amends,
    });
    audit(ctx, {
      action: 'medical-history.add',
      entityType: 'Patient',
      entityId: patient.id,
      changes: { entryId: entry.id },
    });
    await ctx.em.flush();
    return toMedicalHistoryDto(entry);
  });
