import * as z from 'zod/mini';
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
  .check(
    z.minLength(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`),
    z.maxLength(200, 'must be at most 200 characters'),
  );

export const username = z
  .string()
  .check(z.trim(), z.regex(/^[a-zA-Z0-9._-]{3,50}$/, 'must be 3-50 letters, digits, dots, dashes or underscores'));

/** Editable fields of a staff member (everything but the password). */
export const employeeFields = {
  name: text(100),
  surname: optionalText(100),
  email,
  username: z.optional(z.nullable(username)),
  gender: z._default(z.enum(GENDERS), 'unknown'),
  birthDate: z.optional(z.nullable(dateOnly)),
  phone: z.optional(z.nullable(phone)),
  role: z.enum(ROLES),
  departmentId: z.optional(z.nullable(id)),
};

export const createEmployeeInput = z.strictObject({ ...employeeFields, password });
export const updateEmployeeInput = z.strictObject({
  id,
  version,
  ...employeeFields,
  /** Set a new password (an admin resetting it); omitted keeps the current one. */
  password: z.optional(password),
});
export const employeeIdInput = z.strictObject({ id });

export const listEmployeesInput = listInput(['name', 'email', 'role', 'createdAt'], {
  role: z.optional(z.enum(ROLES)),
  departmentId: z.optional(id),
  q: z.optional(inputString().check(z.trim(), z.maxLength(100))),
  includeArchived: z.optional(queryBoolean),
});

export const employee = z
  .object({
    id: z.uuid(),
    name: z.string(),
    surname: z.nullable(z.string()),
    email: z.string(),
    username: z.nullable(z.string()),
    gender: z.enum(GENDERS),
    birthDate: z.nullable(calendarDate),
    phone: z.nullable(z.string()),
    role: z.enum(ROLES),
    departmentId: z.nullable(z.uuid()),
    archivedAt: z.nullable(dateTime),
    version: z.int(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .register(z.globalRegistry, { id: 'Employee' });
export const employeePage = page(employee, 'EmployeePage');

export type Employee = z.output<typeof employee>;
