import { loginOutput, logoutInput, refreshInput } from '@meditrack/contract';
import { RefreshToken } from '@meditrack/domain';
import { z } from 'zod';
import { hashToken, revokeSessions, rotateSession } from '../../auth/sessions.js';
import { publicProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/auth/refresh: a refresh token for new tokens (the old one stops working). */
export const refresh = publicProcedure
  .meta(rest('POST', '/auth/refresh', { summary: 'Exchange a refresh token for new tokens', protect: false }))
  .input(refreshInput)
  .output(loginOutput)
  .mutation(({ ctx, input }) => rotateSession(ctx, input.refreshToken));

/** POST /api/auth/logout: ends the session the refresh token belongs to (204, also for unknown tokens). */
export const logout = publicProcedure
  .meta(
    rest('POST', '/auth/logout', {
      summary: 'End the session (revoke its refresh tokens)',
      protect: false,
      successStatus: 204,
    }),
  )
  .input(logoutInput)
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    const row = await ctx.em.findOne(RefreshToken, { tokenHash: hashToken(input.refreshToken) });
    if (row) await revokeSessions(ctx.em, { familyId: row.familyId }, 'logout');
  });
