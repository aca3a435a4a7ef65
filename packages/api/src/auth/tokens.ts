import { type Employee, employeeOf, type IssuedSession } from '@meditrack/domain';
import type { Context } from '../trpc/context.js';

/** The login answer: an access token naming the session, its refresh token, and the employee. */
export function sessionTokens(ctx: Context, employee: Employee, session: IssuedSession) {
  const env = ctx.services.config.env;
  return {
    accessToken: ctx.services.accessTokens.sign({ sub: employee.id, sid: session.sessionId }),
    tokenType: 'Bearer' as const,
    expiresIn: env.JWT_ACCESS_TTL_SECONDS,
    refreshToken: session.refreshToken,
    refreshExpiresIn: env.REFRESH_TOKEN_TTL_SECONDS,
    user: employeeOf(employee),
  };
}

/** Where the session is opened from, kept with its tokens. */
export const sessionClient = (ctx: Context) => ({
  userAgent: String(ctx.req.headers['user-agent'] ?? '') || null,
  address: ctx.req.ip,
});
