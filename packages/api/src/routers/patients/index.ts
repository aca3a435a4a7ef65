import type { TRPCRouterRecord } from '@trpc/server';
import { archive } from './archive.js';
import { patientCalendar } from './calendar.js';
import { create } from './create.js';
import { get } from './get.js';
import { list } from './list.js';
import { addMedicalHistory, listMedicalHistory } from './medical-history.js';
import { update } from './update.js';

export const patientsRouter = {
  list,
  get,
  create,
  update,
  archive,
  listMedicalHistory,
  addMedicalHistory,
  calendar: patientCalendar,
} satisfies TRPCRouterRecord;
