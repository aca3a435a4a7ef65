import { department, updateDepartmentInput } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import { audit } from '../../audit/record.js';
import { findOr404 } from '../../records/find.js';
import { expectVersion } from '../../records/version.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDepartmentDto } from './dto.js';

/** PUT /api/departments/{id} */
export const update = permissionProcedure('departments:write')
  .meta(rest('PUT', '/departments/{id}', { summary: 'Replace a department’s editable fields' }))
  .input(updateDepartmentInput)
  .output(department)
  .mutation(async ({ ctx, input }) => {
    const record = await findOr404(ctx.em, Department, input.id);
    expectVersion(record, input.version, ctx.ifMatchVersion);
    const { id, version, ...fields } = input;
    ctx.em.assign(record, { name: fields.name, description: fields.description ?? null });
    audit(ctx, { action: 'department.update', entityType: 'Department', entityId: id, changes: fields });
    await ctx.em.flush();
    return toDepartmentDto(record);
  });
