import * as z from 'zod/mini';
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
  q: z.optional(inputString().check(z.trim(), z.maxLength(120))),
  includeArchived: z.optional(queryBoolean),
});

export const department = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.nullable(z.string()),
    archivedAt: z.nullable(dateTime),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'Department' });
export const departmentPage = page(department, 'DepartmentPage');

export type Department = z.output<typeof department>;
