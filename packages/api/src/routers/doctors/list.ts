import { doctorPage, listDoctorsInput } from '@meditrack/contract';
import { Doctor } from '@meditrack/domain';
import type { FilterQuery } from '@mikro-orm/postgresql';
import { mayIncludeArchived } from '../../records/archived.js';
import { containsPattern } from '../../records/like.js';
import { findPage } from '../../records/page.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { DOCTOR_POPULATE, toDoctorDto } from './dto.js';

/** GET /api/doctors */
export const list = permissionProcedure('doctors:read')
  .meta(rest('GET', '/doctors', { summary: 'List doctors' }))
  .input(listDoctorsInput)
  .output(doctorPage)
  .query(async ({ ctx, input }) => {
    const where: FilterQuery<Doctor> = {};
    const employee: Record<string, unknown> = {};
    if (!mayIncludeArchived(ctx, input.includeArchived)) employee.archivedAt = null;
    if (input.name) employee.searchName = { $like: containsPattern(input.name) };
    if (Object.keys(employee).length) where.employee = employee;
    if (input.specialization) where.specialization = { $ilike: containsPattern(input.specialization) };
    if (input.departmentId) where.departments = input.departmentId;
    const page = await findPage(ctx.em, Doctor, where, input, {
      sortFields: { name: 'employee.searchName' },
      populate: DOCTOR_POPULATE,
    });
    return { ...page, items: page.items.map(toDoctorDto) };
  });
