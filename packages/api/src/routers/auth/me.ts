import { meOutput } from '@meditrack/contract';
import { me as currentEmployee } from '@meditrack/domain';
import { z } from 'zod';
import { authedProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** GET /api/me */
export const me = authedProcedure
  .meta(
    rest('GET', '/me', {
      description:
        'The logged-in employee and the permissions of their role, for showing only the actions that will work.',
      summary: 'The logged-in employee and their permissions',
      tag: 'auth',
    }),
  )
  .input(z.strictObject({}).optional())
  .output(meOutput)
  .query(({ ctx }) => currentEmployee(ctx.work));
