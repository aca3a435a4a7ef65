import { loginInput, loginOutput } from '@meditrack/contract';
import { AuditEvent, DomainError, decoyPasswordHash, Employee, verifyPassword } from '@meditrack/domain';
import { issueSession } from '../../auth/sessions.js';
import { clientKey } from '../../http/client-address.js';
import { type Meta, publicProcedure } from '../../trpc/init.js';
import { rest } from '../../trpc/rest.js';
import { toEmployeeDto } from '../employees/dto.js';

/**
 * Unknown account, archived account and wrong password all answer the same INVALID_CREDENTIALS,
 * after the same argon2 work (a decoy hash when there is no account), so neither the message nor
 * the timing tells whether an email has an account.
 */
const makeLogin = (meta: Meta) =>
  publicProcedure
    .meta(meta)
    .input(loginInput)
    .output(loginOutput)
    .mutation(async ({ ctx, input }) => {
      const account = input.email?.toLowerCase() ?? `username:${input.username ?? ''}`;
      try {
        await ctx.services.loginThrottle.check(account, clientKey(ctx.req.ip));
      } catch (error) {
        const retry = (error as DomainError).details?.retryAfterSeconds;
        if (retry) void ctx.res.header('retry-after', String(retry));
        throw error;
      }
      const where = input.email ? { email: input.email.toLowerCase() } : { username: input.username ?? '' };
      const employee = await ctx.em.findOne(Employee, { ...where, archivedAt: null }, { populate: ['passwordHash'] });
      const ok = await verifyPassword(employee?.passwordHash ?? (await decoyPasswordHash()), input.password);
      if (!employee || !ok) throw new DomainError('INVALID_CREDENTIALS');

      await ctx.services.loginThrottle.succeeded(account);
      const session = await issueSession(ctx, employee);
      employee.lastLoginAt = new Date();
      ctx.em.create(AuditEvent, {
        actor: employee,
        action: 'auth.login',
        entityType: 'Employee',
        entityId: employee.id,
        requestId: ctx.requestId,
      });
      await ctx.em.flush();
      return { ...session.tokens, user: toEmployeeDto(employee) };
    });

/** POST /api/auth/login */
export const login = makeLogin(
  rest('POST', '/auth/login', { summary: 'Log in with email or username and password', protect: false }),
);

/** POST /api/login: the second seed document's path for the same login. */
export const loginAlias = makeLogin(
  rest('POST', '/login', { summary: 'Log in (alias of /auth/login)', protect: false, tag: 'auth' }),
);
