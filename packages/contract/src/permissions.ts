import type { Role } from './enums.js';

/** Everything a role may be allowed to do. Procedures name the one they need. */
export const PERMISSIONS = [
  'patients:read',
  'patients:write',
  'patients:archive',
  'medical-history:read',
  'medical-history:write',
  'appointments:read',
  'appointments:write',
  'appointments:check-in',
  'appointments:complete',
  'schedules:write',
  'schedules:write-own',
  'doctors:read',
  'doctors:write',
  'departments:read',
  'departments:write',
  'employees:read',
  'employees:write',
  'audit:read',
  'sync:read',
  'sync:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The permission table: the one place that says who may do what. Admins manage staff, departments
 * and accounts; front desk (receptionist) manages patients and appointments but cannot read medical
 * history; doctors and nurses read patients and write medical history.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  doctor: [
    'patients:read',
    'medical-history:read',
    'medical-history:write',
    'appointments:read',
    'appointments:complete',
    'schedules:write-own',
    'doctors:read',
    'departments:read',
  ],
  nurse: [
    'patients:read',
    'medical-history:read',
    'medical-history:write',
    'appointments:read',
    'doctors:read',
    'departments:read',
  ],
  receptionist: [
    'patients:read',
    'patients:write',
    'patients:archive',
    'appointments:read',
    'appointments:write',
    'appointments:check-in',
    'doctors:read',
    'departments:read',
  ],
  staff: ['doctors:read', 'departments:read'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
