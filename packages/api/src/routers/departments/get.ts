import { department, departmentIdInput } from '@meditrack/contract';
import { Department } from '@meditrack/domain';
import { readsArchived } from '../../records/archived.js';
import { findOr404 } from '../../records/find.js';
import { permissionProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toDepartmentDto } from './dto.js';

/** GET /api/departments/{id} */
export const get = permissionProcedure('departments:read')
  .meta(rest('GET', '/departments/{id}', { summary: 'Get a department' }))
  .input(departmentIdInput)
  .output(department)
  .query(async ({ ctx, input }) =>
    toDepartmentDto(await findOr404(ctx.em, Department, input.id, { includeArchived: readsArchived(ctx) })),
  );
