import { GENDERS, ROLES } from '@meditrack/contract';
import { defineEntity, p } from '@mikro-orm/core';
import { EMPLOYEE_CHANGES_CHANNEL, EMPLOYEE_CHANGES_TRIGGER } from '../database/notifications.js';
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
  // API replicas remember employees for their session checks and must hear of every change, whoever
  // makes it (another replica, psql, a script): the id of each updated or deleted row. ('*' on
  // truncate comes from a trigger in migration employee_change_notify only: MikroORM's schema
  // introspection does not see TRUNCATE triggers, so declared here it would be re-created on every diff.)
  triggers: [
    {
      name: EMPLOYEE_CHANGES_TRIGGER,
      timing: 'after',
      events: ['update', 'delete'],
      forEach: 'row',
      body: `perform pg_notify('${EMPLOYEE_CHANGES_CHANNEL}', old.id::text); return null;`,
    },
  ],
});

export class Employee extends EmployeeSchema.class {}
EmployeeSchema.setClass(Employee);
