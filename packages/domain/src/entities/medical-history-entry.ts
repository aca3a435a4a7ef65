import { defineEntity, p } from '@mikro-orm/core';
import { appendOnlyTrigger, createdAtProperty, idProperty } from './common.js';
import { Employee } from './employee.js';
import { Patient } from './patient.js';

/**
 * One entry of a patient's medical history. Append-only: the database refuses UPDATE and DELETE
 * (trigger), so a correction is a new entry that names the one it amends.
 */
export const MedicalHistoryEntrySchema = defineEntity({
  name: 'MedicalHistoryEntry',
  tableName: 'medical_history_entries',
  properties: {
    id: idProperty(),
    patient: () => p.manyToOne(Patient).deleteRule('restrict'),
    recordedOn: p.date(),
    diagnosis: p.text(),
    treatment: p.text().nullable(),
    notes: p.text().nullable(),
    recordedBy: () => p.manyToOne(Employee).deleteRule('restrict'),
    amends: () => p.manyToOne(MedicalHistoryEntry).nullable().deleteRule('restrict'),
    createdAt: createdAtProperty(),
  },
  indexes: [{ name: 'medical_history_entries_patient_recorded_on_index', properties: ['patient', 'recordedOn'] }],
  triggers: [appendOnlyTrigger('medical_history_entries', 'medical history is append-only')],
});

export class MedicalHistoryEntry extends MedicalHistoryEntrySchema.class {}
MedicalHistoryEntrySchema.setClass(MedicalHistoryEntry);
