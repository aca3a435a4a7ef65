import { hasPermission, OWN_ONLY_PERMISSIONS, type Permission, ROLE_PERMISSIONS, type Role } from '@meditrack/contract';
import { DomainError } from '../errors/domain-error.js';
import type { Actor, EmployeeActor } from './actor.js';

/**
 * Every authorization decision, read from the permission table (contract/permissions.ts): what a
 * role may do, which permissions reach only the caller's own records, archived reads, self-edits.
 * The system actor (sync worker, seed) is trusted; nobody else compares roles.
 */

/** Whether the actor holds `permission` (for any record it applies to). */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  return hasPermission(actor.role, permission);
}

function refuse(
  actor: Actor,
  permission: Permission,
  extra: { message?: string; reason?: string; field?: string } = {},
): never {
  const who = actor.kind === 'employee' ? `Your role (${actor.role})` : 'An anonymous caller';
  throw new DomainError('FORBIDDEN', {
    message: extra.message ?? `${who} lacks the permission ${permission}.`,
    ...(extra.field ? { field: extra.field } : {}),
    details: { missingPermission: permission, ...(extra.reason ? { reason: extra.reason } : {}) },
  });
}

/** 403 naming the missing permission unless the actor holds it. */
export function authorize(actor: Actor, permission: Permission, field?: string): void {
  if (!can(actor, permission)) refuse(actor, permission, field ? { field } : {});
}

/** The employee behind an actor that must be one (every API operation but login). */
export function requireEmployee(actor: Actor): EmployeeActor {
  if (actor.kind !== 'employee') throw new DomainError('UNAUTHENTICATED');
  return actor;
}

/**
 * An own-only permission (OWN_ONLY_PERMISSIONS) applied to a record owned by `ownerEmployeeId`:
 * allowed with its `any` permission, or with the own-only one on one's own record.
 */
export function authorizeOwn(
  actor: Actor,
  permission: keyof typeof OWN_ONLY_PERMISSIONS,
  ownerEmployeeId: string,
  message: string,
): void {
  const rule = OWN_ONLY_PERMISSIONS[permission];
  if (rule.any && can(actor, rule.any)) return;
  if (
    can(actor, permission) &&
    (actor.kind === 'system' || (actor.kind === 'employee' && actor.id === ownerEmployeeId))
  )
    return;
  refuse(actor, rule.any ?? permission, { message, reason: `only ${rule.owner}` });
}

/** Archived records: readable with `archived:read` only. Asking for them without it is refused, not ignored. */
export function mayIncludeArchived(actor: Actor, requested: boolean | undefined): boolean {
  if (!requested) return false;
  if (!can(actor, 'archived:read')) {
    throw new DomainError('FORBIDDEN', {
      message: 'Only roles with archived:read can see archived records.',
      field: 'includeArchived',
      details: { missingPermission: 'archived:read' },
    });
  }
  return true;
}

/** Single-record reads: archived records exist only for actors with `archived:read` (404 for the rest). */
export const readsArchived = (actor: Actor): boolean => can(actor, 'archived:read');

/**
 * Edits of one's own account: changing one's own role or archiving oneself needs a permission the
 * table gives nobody, so another admin must do it.
 */
export function authorizeSelfEdit(
  actor: Actor,
  targetEmployeeId: string,
  permission: Permission,
  refusal: { message: string; field: string },
) {
  if (actor.kind === 'employee' && actor.id === targetEmployeeId && !can(actor, permission)) {
    refuse(actor, permission, refusal);
  }
}

/** The permissions of a role, for `me` (frontends show only the actions that will work). */
export const permissionsOf = (role: Role): Permission[] => [...ROLE_PERMISSIONS[role]];
