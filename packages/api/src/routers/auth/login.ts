import { loginInput, loginOutput, loginRequest } from '@meditrack/contract';
import { DomainError, login as logIn } from '@meditrack/domain';
import { sessionClient, sessionTokens } from '../../auth/tokens.js';
import { clientKey } from '../../http/client-address.js';
import { type Meta, publicProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';

/**
 * Email or username and password: the domain's login (same answer and work for unknown accounts and
 * wrong passwords, throttled per account and address, every failure audited).
 */
const makeLogin = (meta: Meta) =>
  publicProcedure
    .meta(meta)
    .input(loginInput)
    .output(loginOutput)
    .mutation(async ({ ctx, input }) => {
      try {
        const { employee, session } = await logIn(ctx.work, input, {
          throttle: ctx.services.loginThrottle,
          client: sessionClient(ctx),
          addressKey: clientKey(ctx.req.ip),
          refreshTtlSeconds: ctx.services.config.env.REFRESH_TOKEN_TTL_SECONDS,
        });
        return sessionTokens(ctx, employee, session);
      } catch (error) {
        const retry = error instanceof DomainError ? error.details?.retryAfterSeconds : undefined;
        if (retry) void ctx.res.header('retry-after', String(retry));
        throw error;
      }
    });

/** POST /api/auth/login */
export const login = makeLogin(
  rest('POST', '/auth/login', {
    description:
      'Exchanges an email or username and a password for an access token (Bearer, short-lived) and a refresh token (single use). Failures are throttled per account and per address; a throttled attempt answers 429 with Retry-After.',
    errors: ['INVALID_CREDENTIALS'],
    requestSchema: loginRequest,
    summary: 'Log in with email or username and password',
  }),
);

/** POST /api/login: the second seed document's path for the same login. */
export const loginAlias = makeLogin(
  rest('POST', '/login', {
    description: 'The same login as POST /auth/login, at the path of the second seed document.',
    errors: ['INVALID_CREDENTIALS'],
    requestSchema: loginRequest,
    summary: 'Log in (alias of /auth/login)',
    tag: 'auth',
  }),
);
