import {
  addMedicalHistoryInput,
  listMedicalHistoryInput,
  medicalHistoryEntry,
  medicalHistoryPage,
} from '@meditrack/contract';
import { addMedicalHistory as addEntry, listMedicalHistory as listEntries } from '@meditrack/domain';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/patients/{patientId}/medical-history: clinical data, every read audited. */
export const listMedicalHistory = permissionProcedure('medical-history:read')
  .meta(
    rest('GET', '/patients/{patientId}/medical-history', {
      description:
        "A patient's medical history entries, newest or oldest first (clinical: only for roles allowed to read it). The read is audited.",
      summary: 'A patient’s medical history',
    }),
  )
  .input(listMedicalHistoryInput)
  .output(medicalHistoryPage)
  .query(({ ctx, input }) => listEntries(ctx.work, input));

/** POST /api/patients/{patientId}/medical-history: appends an entry (entries are never edited). */
export const addMedicalHistory = permissionProcedure('medical-history:write')
  .meta(
    rest('POST', '/patients/{patientId}/medical-history', {
      description:
        "Adds an entry to a patient's medical history. Entries are never edited: a correction is a new entry that amends the old one.",
      errors: ['UNKNOWN_REFERENCE'],
      summary: 'Add a medical history entry',
      successStatus: 201,
    }),
  )
  .input(addMedicalHistoryInput)
  .output(medicalHistoryEntry)
  .mutation(({ ctx, input }) => addEntry(ctx.work, input));
