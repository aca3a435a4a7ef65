import { z } from 'zod';
import { listInput, page } from './pagination.js';
import { dateOnly, dateTime, id, optionalText, text } from './primitives.js';

export const addMedicalHistoryInput = z.strictObject({
  patientId: id,
  recordedOn: dateOnly,
  diagnosis: text(2000),
  treatment: optionalText(4000),
  notes: optionalText(4000),
  /** A correction: the entry this one amends (entries are never edited). */
  amendsId: id.nullable().optional(),
});

export const listMedicalHistoryInput = listInput(['recordedOn', 'createdAt'], { patientId: id });

export const medicalHistoryEntry = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  recordedOn: z.string(),
  diagnosis: z.string(),
  treatment: z.string().nullable(),
  notes: z.string().nullable(),
  recordedById: z.uuid(),
  amendsId: z.uuid().nullable(),
  createdAt: dateTime,
});
export const medicalHistoryPage = page(medicalHistoryEntry);

export type MedicalHistoryEntry = z.output<typeof medicalHistoryEntry>;
