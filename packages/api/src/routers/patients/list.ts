import { listPatientsInput, patientPage } from '@meditrack/contract';
import { Patient } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { mayIncludeArchived } from '../../records/archived.js';
import { containsPattern } from '../../records/like.js';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toPatientDto } from './dto.js';

/** GET /api/patients: name search is partial and case- and accent-insensitive (trigram index). */
export const list = permissionProcedure('patients:read')
  .meta(rest('GET', '/patients', { summary: 'List and search patients' }))
  .input(listPatientsInput)
  .output(patientPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Patient> = {};
    if (!mayIncludeArchived(ctx, input.includeArchived)) where.archivedAt = null;
    if (input.name) where.searchName = { $like: containsPattern(input.name) };
    if (input.nationalId) where.nationalId = input.nationalId;
    if (input.mrn) where.mrn = input.mrn.toUpperCase();
    if (input.dateOfBirth) where.dateOfBirth = input.dateOfBirth;
    if (input.departmentId) where.department = input.departmentId;
    const page = await findPage(ctx.em, Patient, where, input, { sortFields: { name: 'searchName' } });
    return { ...page, items: page.items.map(toPatientDto) };
  });
