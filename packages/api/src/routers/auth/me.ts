import { meOutput, ROLE_PERMISSIONS } from '@meditrack/contract';
import { Employee } from '@meditrack/domain';
import { z } from 'zod';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from '../employees/dto.js';

/** GET /api/me */
export const me = authedProcedure
  .meta(rest('GET', '/me', { summary: 'The logged-in employee and their permissions', tag: 'auth' }))
  .input(z.strictObject({}).optional())
  .output(meOutput)
  .query(async ({ ctx }) => {
    const user = await ctx.em.findOneOrFail(Employee, ctx.user.id);
    return { user: toEmployeeDto(user), permissions: [...ROLE_PERMISSIONS[user.role]] };
  });
