import * as z from 'zod/mini';
import { listInput, page } from './pagination.js';
import { calendarDate, dateOnly, dateTime, id, optionalText, text } from './primitives.js';

export const addMedicalHistoryInput = z.strictObject({
  patientId: id,
  recordedOn: dateOnly,
  diagnosis: text(2000),
  treatment: optionalText(4000),
  notes: optionalText(4000),
  /** A correction: the entry this one amends (entries are never edited). */
  amendsId: z.optional(z.nullable(id)),
});

export const listMedicalHistoryInput = listInput(['recordedOn', 'createdAt'], { patientId: id });

export const medicalHistoryEntry = z
  .object({
    id: z.uuid(),
    patientId: z.uuid(),
    recordedOn: calendarDate,
    diagnosis: z.string(),
    treatment: z.nullable(z.string()),
    notes: z.nullable(z.string()),
    recordedById: z.uuid(),
    amendsId: z.nullable(z.uuid()),
    createdAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'MedicalHistoryEntry' });
export const medicalHistoryPage = page(medicalHistoryEntry, 'MedicalHistoryPage');

export type MedicalHistoryEntry = z.output<typeof medicalHistoryEntry>;
