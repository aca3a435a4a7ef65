import { loginOutput, logoutInput, refreshInput } from '@meditrack/contract';
import { logout as endSession, rotateSession } from '@meditrack/domain';
import { z } from 'zod';
import { sessionClient, sessionTokens } from '../../auth/tokens.js';
import { publicProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/** POST /api/auth/refresh: a refresh token for new tokens (the old one stops working; reuse ends the session). */
export const refresh = publicProcedure
  .meta(
    rest('POST', '/auth/refresh', {
      description:
        'Exchanges a refresh token for a new access token and a new refresh token; the old refresh token stops working (reuse ends the whole session).',
      errors: ['UNAUTHENTICATED'],
      summary: 'Exchange a refresh token for new tokens',
    }),
  )
  .input(refreshInput)
  .output(loginOutput)
  .mutation(async ({ ctx, input }) => {
    const { employee, session } = await rotateSession(
      ctx.work,
      input.refreshToken,
      sessionClient(ctx),
      ctx.services.config.env.REFRESH_TOKEN_TTL_SECONDS,
    );
    return sessionTokens(ctx, employee, session);
  });

/**
 * POST /api/auth/logout: ends the session the refresh token belongs to, its access tokens included
 * (204, also for unknown tokens).
 */
export const logout = publicProcedure
  .meta(
    rest('POST', '/auth/logout', {
      description: 'Ends the session the refresh token belongs to: its access tokens stop working on the next request.',
      summary: 'End the session (its refresh and access tokens)',
      successStatus: 204,
    }),
  )
  .input(logoutInput)
  .output(z.void())
  .mutation(({ ctx, input }) => endSession(ctx.work, input.refreshToken));
