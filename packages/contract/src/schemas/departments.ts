import * as z from 'zod';
import { listInput, page } from './pagination.js';
import { dateTime, id, inputString, optionalText, queryBoolean, text, version } from './primitives.js';

export const departmentFields = {
  name: text(120),
  description: optionalText(2000),
};

export const createDepartmentInput = z.strictObject(departmentFields);
export const updateDepartmentInput = z.strictObject({ id, version, ...departmentFields });
export const departmentIdInput = z.strictObject({ id });

export const listDepartmentsInput = listInput(['name', 'createdAt'], {
  q: inputString().trim().max(120).optional(),
  includeArchived: queryBoolean.optional(),
});

export const department = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    archivedAt: dateTime.nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Department' });
export const departmentPage = page(department, 'DepartmentPage');

export type Department = z.output<typeof department>;
