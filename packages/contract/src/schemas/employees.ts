import * as z from 'zod';
import { GENDERS, ROLES } from '../enums.js';
import { listInput, page } from './pagination.js';
import {
  calendarDate,
  dateOnly,
  dateTime,
  email,
  id,
  inputString,
  optionalText,
  phone,
  queryBoolean,
  text,
  version,
} from './primitives.js';

export const MIN_PASSWORD_LENGTH = 10;
export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, 'must be at most 200 characters');

export const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._-]{3,50}$/, 'must be 3-50 letters, digits, dots, dashes or underscores');

/** Editable fields of a staff member (everything but the password). */
export const employeeFields = {
  name: text(100),
  surname: optionalText(100),
  email,
  username: username.nullable().optional(),
  gender: z.enum(GENDERS).default('unknown'),
  birthDate: dateOnly.nullable().optional(),
  phone: phone.nullable().optional(),
  role: z.enum(ROLES),
  departmentId: id.nullable().optional(),
};

export const createEmployeeInput = z.strictObject({ ...employeeFields, password });
export const updateEmployeeInput = z.strictObject({
  id,
  version,
  ...employeeFields,
  /** Set a new password (an admin resetting it); omitted keeps the current one. */
  password: password.optional(),
});
export const employeeIdInput = z.strictObject({ id });

export const listEmployeesInput = listInput(['name', 'email', 'role', 'createdAt'], {
  role: z.enum(ROLES).optional(),
  departmentId: id.optional(),
  q: inputString().trim().max(100).optional(),
  includeArchived: queryBoolean.optional(),
});

export const employee = z
  .object({
    id: z.uuid(),
    name: z.string(),
    surname: z.string().nullable(),
    email: z.string(),
    username: z.string().nullable(),
    gender: z.enum(GENDERS),
    birthDate: calendarDate.nullable(),
    phone: z.string().nullable(),
    role: z.enum(ROLES),
    departmentId: z.uuid().nullable(),
    archivedAt: dateTime.nullable(),
    version: z.number().int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'Employee' });
export const employeePage = page(employee, 'EmployeePage');

export type Employee = z.output<typeof employee>;
