import { DomainError } from '@meditrack/domain';
import type { AuthedContext } from '../trpc/init.js';

/** Archived records stay readable by admins only; anyone else asking for them is refused, not silently ignored. */
export function mayIncludeArchived(ctx: AuthedContext, requested: boolean | undefined): boolean {
  if (!requested) return false;
  if (ctx.user.role !== 'admin') {
    throw new DomainError('FORBIDDEN', {
      message: 'Only admins can see archived records.',
      field: 'includeArchived',
      details: { missingPermission: 'archived:read' },
    });
  }
  return true;
}

/** Single-record reads: admins see archived records, others get 404 for them. */
export function readsArchived(ctx: AuthedContext): boolean {
  return ctx.user.role === 'admin';
}
