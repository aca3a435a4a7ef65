import { Department, DomainError } from '@meditrack/domain';
import type { AuthedContext } from '../../trpc/init.js';

/** Every id in `departmentIds` must be a live department: UNKNOWN_REFERENCE on the first that is not. */
export async function departmentsOr422(ctx: AuthedContext, departmentIds: string[]): Promise<Department[]> {
  const unique = [...new Set(departmentIds)];
  const found = unique.length ? await ctx.em.find(Department, { id: { $in: unique }, archivedAt: null }) : [];
  const missing = unique.find((id) => !found.some((d) => d.id === id));
  if (missing) {
    throw new DomainError('UNKNOWN_REFERENCE', {
      message: `No active department has the id ${missing}.`,
      field: `departmentIds.${departmentIds.indexOf(missing)}`,
    });
  }
  return found;
}
