import { FIELD_PERMISSIONS, type VisibilityResource } from '@meditrack/contract';
import type { Actor } from './actor.js';
import { can } from './authorize.js';

/**
 * Field-level visibility, from the permission table's FIELD_PERMISSIONS: the answer for `actor`
 * without the fields it may not see. Every read of every route shapes its records through this.
 */
export function visibleTo<R extends VisibilityResource, T extends object>(
  actor: Actor,
  resource: R,
  record: T,
): T | Omit<T, keyof (typeof FIELD_PERMISSIONS)[R]> {
  let shaped: T | undefined;
  for (const [field, permission] of Object.entries(FIELD_PERMISSIONS[resource])) {
    if (field in record && !can(actor, permission)) {
      shaped ??= { ...record };
      delete (shaped as Record<string, unknown>)[field];
    }
  }
  return shaped ?? record;
}
