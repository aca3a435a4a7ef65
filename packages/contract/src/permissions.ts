import type { Role } from './enums.js';

/** Everything a role may be allowed to do. Procedures and domain operations name the one they need. */
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
  'appointments:overbook',
  'appointments:override-cutoff',
  'visit-types:write',
  'queue:read',
  'queue:manage',
  'queue:call',
  'queue:undo',
  'schedules:write',
  'schedules:write-own',
  'doctors:read',
  'doctors:write',
  'departments:read',
  'departments:write',
  'employees:read',
  'employees:write',
  'employees:change-own-role',
  'employees:archive-own',
  'archived:read',
  'audit:read',
  'sync:read',
  'sync:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Held by no role: the table's way of saying "nobody", so that refusals name what is missing. */
const NOBODY: readonly Permission[] = ['employees:change-own-role', 'employees:archive-own'];

/**
 * The permission table: the one place that says who may do what. Admins manage staff, departments
 * and accounts and see archived records; front desk (receptionist) manages patients and
 * appointments and hands out queue tickets but sees no clinical data; doctors and nurses read patients and clinical data and
 * write medical history; a doctor completes their own appointments and edits their own schedule.
 * Overbooking (beyond a visit type's capacity or daily quota, with a reason, audited) is for those
 * who book: admins and the front desk; visit types are set up by admins, who alone may still cancel
 * or move an appointment inside its visit type's cutoff (a doctor off sick).
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS.filter((p) => !NOBODY.includes(p)),
  doctor: [
    'patients:read',
    'medical-history:read',
    'medical-history:write',
    'appointments:read',
    'appointments:complete',
    'queue:read',
    'queue:call',
    'schedules:write-own',
    'doctors:read',
    'departments:read',
  ],
  nurse: [
    'patients:read',
    'medical-history:read',
    'medical-history:write',
    'appointments:read',
    'queue:read',
    'queue:call',
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
    'appointments:overbook',
    'queue:read',
    'queue:manage',
    'queue:call',
    'queue:undo',
    'doctors:read',
    'departments:read',
  ],
  staff: ['doctors:read', 'departments:read'],
};

/**
 * Permissions that reach only the caller's own records, and whose records those are: a doctor's
 * own schedule, the appointments they are the doctor of. Any other record needs the permission
 * named here as `any` (when there is one).
 */
export const OWN_ONLY_PERMISSIONS = {
  'schedules:write-own': { owner: 'the doctor whose schedule it is', any: 'schedules:write' },
  'appointments:complete': { owner: 'the appointment’s doctor', any: null },
} as const satisfies Partial<Record<Permission, { owner: string; any: Permission | null }>>;

/**
 * Field-level visibility: the fields of an answer that only a permission may see. Clinical data
 * (diagnoses, clinical notes, vaccination) is left out of every answer for everyone else, on every
 * route and transport; the contract has the narrower shape for them.
 */
export const FIELD_PERMISSIONS = {
  appointment: { diagnosis: 'medical-history:read', notes: 'medical-history:read' },
  patient: { vaccination: 'medical-history:read' },
} as const satisfies Record<string, Record<string, Permission>>;

export type VisibilityResource = keyof typeof FIELD_PERMISSIONS;

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
