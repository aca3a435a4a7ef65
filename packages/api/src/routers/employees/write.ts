import type { createEmployeeInput, updateEmployeeInput } from '@meditrack/contract';
import { Department, Doctor, DomainError, Employee, hashPassword } from '@meditrack/domain';
import type { z } from 'zod';
import { revokeSessions } from '../../auth/sessions.js';
import { changedKeys } from '../../records/changes.js';
import { referenceOr422 } from '../../records/find.js';
import type { AuthedContext } from '../../trpc/init.js';

type EmployeeFields = Omit<z.output<typeof createEmployeeInput>, 'password'>;

async function resolvedFields(ctx: AuthedContext, input: EmployeeFields) {
  return {
    name: input.name,
    surname: input.surname ?? null,
    email: input.email.toLowerCase(),
    username: input.username ?? null,
    gender: input.gender,
    birthDate: input.birthDate ?? null,
    phone: input.phone ?? null,
    role: input.role,
    department: input.departmentId
      ? await referenceOr422(ctx.em, Department, input.departmentId, 'departmentId')
      : null,
  };
}

/** Creates a staff account (used by POST /employees, /auth/register and POST /doctors); not flushed. */
export async function createEmployee(
  ctx: AuthedContext,
  input: z.output<typeof createEmployeeInput>,
): Promise<Employee> {
  const { password, ...fields } = input;
  return ctx.em.create(Employee, {
    ...(await resolvedFields(ctx, fields)),
    passwordHash: await hashPassword(password),
    passwordChangedAt: new Date(),
  });
}

/** Replaces the editable fields of an account; not flushed. Nobody changes their own role. */
export async function updateEmployee(
  ctx: AuthedContext,
  record: Employee,
  input: z.output<typeof updateEmployeeInput>,
): Promise<string[]> {
  const { id, version, password, ...fields } = input;
  if (record.id === ctx.user.id && fields.role !== record.role) {
    throw new DomainError('FORBIDDEN', {
      message: 'Nobody can change their own role; ask another admin.',
      field: 'role',
      details: { missingPermission: 'employees:write (for another employee)' },
    });
  }
  if (record.role === 'doctor' && fields.role !== 'doctor') {
    if (await ctx.em.count(Doctor, { employee: record })) {
      throw new DomainError('INVALID_STATE', {
        message: 'This employee has a doctor profile; their role stays doctor.',
        field: 'role',
      });
    }
  }
  const next = await resolvedFields(ctx, fields);
  const changed = changedKeys(record, next);
  // A new role or password ends the employee's sessions (refresh tokens); access tokens already
  // carry no trusted role, and stop at the next expiry.
  if (record.role !== next.role || password)
    await revokeSessions(ctx.em, { employee: record.id }, password ? 'password-changed' : 'role-changed');
  ctx.em.assign(record, next);
  if (password) {
    record.passwordHash = await hashPassword(password);
    record.passwordChangedAt = new Date();
    changed.push('password');
  }
  return changed;
}
