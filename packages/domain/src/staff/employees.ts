import type {
  createEmployeeInput,
  Employee as EmployeeDto,
  listEmployeesInput,
  updateEmployeeInput,
} from '@meditrack/contract';
import type { z } from 'zod';
import {
  authorize,
  authorizeSelfEdit,
  mayIncludeArchived,
  permissionsOf,
  requireEmployee,
} from '../access/authorize.js';
import { revokeSessions } from '../auth/sessions.js';
import { Department } from '../entities/department.js';
import { Doctor } from '../entities/doctor.js';
import { Employee } from '../entities/employee.js';
import { DomainError } from '../errors/domain-error.js';
import { instant, optionalInstant, type WithTextInstants } from '../reads/instant.js';
import { refuseImplausibleBirthDate } from '../records/dates.js';
import { findOr404, findRow, liveReference } from '../records/find.js';
import { containsPattern } from '../records/like.js';
import { Filters, listPage, pageOf } from '../records/page.js';
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
  if (input.birthDate) refuseImplausibleBirthDate(work, input.birthDate, 'birthDate');
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
 * employee's sessions, in the same transaction as the change (all of it or none of it).
 */
export async function updateEmployee(work: Work, input: z.output<typeof updateEmployeeInput>) {
  authorize(work.actor, 'employees:write');
  const { id, version, password, ...fields } = input;
  // argon2 first: no lock is held while it works.
  const passwordHash = password ? await hashPassword(password) : undefined;
  return work.transaction(async (tx) => {
    const employee = await findOr404(tx, Employee, id);
    expectVersion(employee, version);
    const roleChanged = fields.role !== employee.role;
    if (roleChanged) {
      authorizeSelfEdit(tx.actor, employee.id, 'employees:change-own-role', {
        message: 'Nobody can change their own role; ask another admin.',
        field: 'role',
      });
      if (await tx.em.count(Doctor, { employee })) {
        throw new DomainError('INVALID_STATE', {
          message: 'This employee has a doctor profile; their role stays doctor.',
          field: 'role',
        });
      }
    }
    tx.em.assign(employee, await employeeFields(tx, fields));
    if (passwordHash) {
      employee.passwordHash = passwordHash;
      employee.passwordChangedAt = tx.now();
    }
    if (roleChanged || passwordHash) {
      await endSessions(tx, employee, passwordHash ? 'password-changed' : 'role-changed');
    } else {
      await tx.commit();
    }
    return employeeOf(employee);
  });
}

/**
 * Writes the employee's change (its UPDATE waits for a login that holds the row: auth/login.ts),
 * then ends every session of theirs, that login's included; inside the caller's transaction.
 */
async function endSessions(tx: Work, employee: Employee, reason: string): Promise<void> {
  await tx.commit();
  await revokeSessions(tx.em, { employee: employee.id }, reason);
}

/** Archives an account: it can no longer log in, its sessions end at once, its history is kept. */
export async function archiveEmployee(work: Work, id: string): Promise<void> {
  authorize(work.actor, 'employees:write');
  authorizeSelfEdit(work.actor, id, 'employees:archive-own', {
    message: 'You cannot archive your own account; ask another admin.',
    field: 'id',
  });
  await work.transaction(async (tx) => {
    const employee = await findOr404(tx, Employee, id);
    tx.describe(employee, { action: 'employee.archive' });
    await endEmployment(tx, employee);
  });
}

/** Archives the account and ends its sessions, inside the caller's transaction. */
export async function endEmployment(tx: Work, employee: Employee): Promise<void> {
  employee.archivedAt = tx.now();
  await endSessions(tx, employee, 'archived');
}

/** Employees are read by admins only (`employees:read`), archived ones included. */
export async function getEmployee(work: Work, id: string) {
  authorize(work.actor, 'employees:read');
  return employeeOfRow(await findRow<EmployeeRow>(work, EMPLOYEE_RECORD, 'Employee', id));
}

const EMPLOYEE_COLUMNS = `e.id, e.name, e.surname, e.email, e.username, e.gender, e.birth_date as "birthDate", e.phone,
  e.role, e.department_id as "departmentId", e.archived_at as "archivedAt", e.version, e.created_at as "createdAt",
  e.updated_at as "updatedAt"`;
type EmployeeRow = WithTextInstants<EmployeeDto, 'archivedAt' | 'createdAt' | 'updatedAt'>;
const employeeOfRow = (r: EmployeeRow): EmployeeDto => ({
  id: r.id,
  name: r.name,
  surname: r.surname,
  email: r.email,
  username: r.username,
  gender: r.gender,
  birthDate: r.birthDate,
  phone: r.phone,
  role: r.role,
  departmentId: r.departmentId,
  archivedAt: optionalInstant(r.archivedAt),
  version: r.version,
  createdAt: instant(r.createdAt),
  updatedAt: instant(r.updatedAt),
});
const SORT_COLUMNS = { name: 'e.search_name', email: 'e.email', role: 'e.role', createdAt: 'e.created_at' };
const EMPLOYEE_RECORD = {
  columns: EMPLOYEE_COLUMNS,
  from: 'from employees e',
  idColumn: 'e.id',
  archivedColumn: 'e.archived_at',
};

export async function listEmployees(work: Work, input: z.output<typeof listEmployeesInput>) {
  authorize(work.actor, 'employees:read');
  const filters = new Filters();
  const where = filters.add.bind(filters);
  if (!mayIncludeArchived(work.actor, input.includeArchived)) where('e.archived_at is null');
  if (input.role) where('e.role = ?', input.role);
  if (input.departmentId) where('e.department_id = ?', input.departmentId);
  if (input.q) where('e.search_name like ?', containsPattern(input.q));
  const page = await listPage<EmployeeRow>(
    work.em,
    {
      ...EMPLOYEE_RECORD,
      ...filters,
      sortColumns: SORT_COLUMNS,
    },
    input,
  );
  return pageOf(page, page.rows.map(employeeOfRow));
}

/** The logged-in employee and what their role may do (their session was checked live: never archived). */
export async function me(work: Work) {
  const user = employeeOfRow(
    await findRow<EmployeeRow>(work, EMPLOYEE_RECORD, 'Employee', requireEmployee(work.actor).id),
  );
  return { user, permissions: permissionsOf(user.role) };
}
