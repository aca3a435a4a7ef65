import type { Role } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Department, Doctor, Employee, Patient } from '../src/entities/index.js';

let counter = 0;
const next = () => ++counter;

/** A valid, unique 16-digit national ID for test patients. */
export function nationalId(): string {
  return `3171${String(Date.now() % 1e6).padStart(6, '0')}${String(next()).padStart(6, '0')}`.slice(0, 16);
}

export function makeEmployee(em: EntityManager, role: Role = 'staff', overrides: Partial<Employee> = {}): Employee {
  const n = next();
  return em.create(Employee, {
    name: `Test${n}`,
    email: `employee${n}-${Date.now()}@test.local`,
    passwordHash: 'not-a-real-hash',
    role,
    ...overrides,
  });
}

export function makeDoctor(em: EntityManager): Doctor {
  const n = next();
  return em.create(Doctor, {
    employee: makeEmployee(em, 'doctor'),
    specialization: 'General',
    licenseNumber: `LIC-${n}-${Date.now()}`,
  });
}

export function makePatient(em: EntityManager, overrides: Partial<Patient> = {}): Patient {
  const n = next();
  return em.create(Patient, {
    name: `Patient${n}`,
    dateOfBirth: '1990-01-31',
    nationalId: nationalId(),
    ...overrides,
  });
}

export function makeDepartment(em: EntityManager): Department {
  return em.create(Department, { name: `Department ${next()} ${Date.now()}` });
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the operation to be refused, but it succeeded');
}
