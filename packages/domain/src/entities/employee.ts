import { GENDERS, ROLES } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import {
  archivedAtProperty,
  idProperty,
  personNameProperties,
  timestampProperties,
  versionProperty,
} from './common.js';
import { Department } from './department.js';

/** A member of staff, and their login account. */
export const EmployeeSchema = defineEntity({
  name: 'Employee',
  tableName: 'employees',
  properties: {
    id: idProperty(),
    ...personNameProperties(),
    // Stored lower-case so uniqueness and login are case-insensitive.
    email: p.string().lowercase().trim().length(254).unique(),
    username: p.string().length(50).unique().nullable(),
    // argon2id PHC string; hidden so it never reaches a serialised response, lazy so it is not loaded by accident.
    passwordHash: p.text().hidden().lazy(),
    passwordChangedAt: p.datetime().nullable(),
    gender: p.enum(GENDERS).default('unknown'),
    birthDate: p.date().nullable(),
    phone: p.string().length(32).nullable(),
    role: p.enum(ROLES),
    department: () => p.manyToOne(Department).nullable().deleteRule('restrict'),
    lastLoginAt: p.datetime().nullable(),
    archivedAt: archivedAtProperty(),
    version: versionProperty(),
    ...timestampProperties(),
  },
  indexes: [{ name: 'employees_role_index', properties: ['role'] }],
});

export class Employee extends EmployeeSchema.class {}
EmployeeSchema.setClass(Employee);
