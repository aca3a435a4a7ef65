import type {
  createEmployeeInput,
  Employee as EmployeeDto,
  listEmployeesInput,
  updateEmployeeInput,
} from '@meditrack/contract';
import type { FilterQuery } from '@mikro-orm/postgresql';
import type { z } from 'zod';
import { authorize, authorizeSelfEdit, mayIncludeArchived } from '../access/authorize.js';
import { revokeSessions } from '../auth/sessions.js';
import { Department } from '../entities/department.js';
import { Doctor } from '../entities/doctor.js';
import { Employee } from '../entities/employee.js';
import { DomainError } from '../errors/domain-error.js';
import { findOr404, liveReference } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { findPage } from '../records/page.js';
import { expectVersion } from '../records/version.js';
import { hashPassword } from '../security/passwords.js';
import type { Work } from '../work/work.js';

/** Never includes the password hash: the answer lists its fields, it does not copy the entity. */
export function employeeOf(e: Employee): EmployeeDto {
  return {
    id: e.id,
    name: e.name,
    surname: e.surname ?? null,
    email: e.email,
    username: e.username ?? null,
    gender: e.gender,
    birthDate: e.birthDate ?? null,
    phone: e.phone ?? null,
    role: e.role,
    departmentId: e.department?.id ?? null,
    archivedAt: e.archivedAt ?? null,
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

type EmployeeFields = Omit<z.output<typeof createEmployeeInput>, 'password'>;

async function employeeFields(work: Work, input: EmployeeFields) {
  return {
    name: input.name,
    surname: input.surname ?? null,
    email: input.email.toLowerCase(),
    username: input.username ?? null,
    gender: input.gender,
    birthDate: input.birthDate ?? null,
    phone: input.phone ?? null,
    role: input.role,
    department: input.departmentId ? await liveReference(work, Department, input.departmentId, 'departmentId') : null,
  };
}

/** Creates a staff account, not flushed (a doctor's account is created with their profile). */
export async function newEmployee(work: Work, input: z.output<typeof createEmployeeInput>): Promise<Employee> {
  authorize(work.actor, 'employees:write');
  const { password, ...fields } = input;
  return work.em.create(Employee, {
    ...(await employeeFields(work, fields)),
    passwordHash: await hashPassword(password),
    passwordChangedAt: work.now(),
  });
}

/** Creates a staff account; `action` names it in the audit (`employee.create`, `auth.register`). */
export async function createEmployee(work: Work, input: z.output<typeof createEmployeeInput>, action: string) {
  const employee = await newEmployee(work, input);
  work.describe(employee, { action, changes: { role: input.role } });
  await work.commit();
  return employeeOf(employee);
}

/**
 * Replaces the editable fields of an account. Nobody changes their own role (a permission the table
 * gives nobody); a doctor's account keeps the doctor role. A new role or password ends the
 * employee's sessions at once.
 */
export async function updateEmployee(work: Work, input: z.output<typeof updateEmployeeInput>) {
  authorize(work.actor, 'employees:write');
  const employee = await findOr404(work, Employee, input.id);
  expectVersion(employee, input.version);
  const { id, version, password, ...fields } = input;
  if (fields.role !== employee.role) {
    authorizeSelfEdit(work.actor, employee.id, 'employees:change-own-role', {
      message: 'Nobody can change their own role; ask another admin.',
      field: 'role',
    });
    if (await work.em.count(Doctor, { employee })) {
      throw new DomainError('INVALID_STATE', {
        message: 'This employee has a doctor profile; their role stays doctor.',
        field: 'role',
      });
    }
  }
  const next = await employeeFields(work, fields);
  if (employee.role !== next.role || password) {
    await revokeSessions(work.em, { employee: employee.id }, password ? 'password-changed' : 'role-changed');
  }
  work.em.assign(employee, next);
  if (password) {
    employee.passwordHash = await hashPassword(password);
    employee.passwordChangedAt = work.now();
  }
  await work.commit();
  return employeeOf(employee);
}

/** Archives an account: it can no longer log in, its sessions end at once, its history is kept. */
export async function archiveEmployee(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'employees:write');
  authorizeSelfEdit(work.actor, id, 'employees:archive-own', {
    message: 'You cannot archive your own account; ask another admin.',
    field: 'id',
  });
  const employee = await findOr404(work, Employee, id);
  await endEmployment(work, employee);
  work.describe(employee, { action: 'employee.archive' });
  await work.commit();
}

/** Archives the account and ends its sessions (not flushed). */
export async function endEmployment(work: Work, employee: Employee): Promise<void> {
  employee.archivedAt = work.now();
  await revokeSessions(work.em, { employee: employee.id }, 'archived');
}

/** Employees are read by admins only (`employees:read`), archived ones included. */
export async function getEmployee(work: Work, id: string) {
  authorize(work.actor, 'employees:read');
  return employeeOf(await findOr404(work, Employee, id, { archived: 'readable' }));
}

export async function listEmployees(work: Work, input: z.output<typeof listEmployeesInput>) {
  authorize(work.actor, 'employees:read');
  const where: FilterQuery<Employee> = {};
  if (!mayIncludeArchived(work.actor, input.includeArchived)) where.archivedAt = null;
  if (input.role) where.role = input.role;
  if (input.departmentId) where.department = input.departmentId;
  if (input.q) where.searchName = { $like: containsPattern(input.q) };
  const page = await findPage(work.em, Employee, where, input, { sortFields: { name: 'searchName' } });
  return { ...page, items: page.items.map(employeeOf) };
}

/** The logged-in employee and what their role may do. */
export async function me(work: Work) {
  if (work.actor.kind !== 'employee') throw new DomainError('UNAUTHENTICATED');
  const employee = await work.em.findOneOrFail(Employee, work.actor.id);
  return employee;
}
