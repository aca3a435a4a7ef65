import { createDepartmentInput, department } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDepartmentDto } from './dto.js';

/** POST /api/departments */
export const create = permissionProcedure('departments:write')
  .meta(rest('POST', '/departments', { summary: 'Create a department', successStatus: 201 }))
  .input(createDepartmentInput)
  .output(department)
  .mutation(async ({ ctx, input }) => {
    const created = ctx.em.create(Department, { name: input.name, description: input.description ?? null });
    audit(ctx, { action: 'department.create', entityType: 'Department', entityId: created.id, changes: input });
    await ctx.em.flush();
    return toDepartmentDto(created);
  });
