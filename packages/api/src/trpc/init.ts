import { hasPermission, type Permission } from '@meditrack/contract';
import { DomainError } from '@meditrack/domain';
import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { optionalInstant, selectRows } from '../records/sql.js';
import type { AuthUser, Context } from './context.js';
import { describeError, mapThrownError } from './errors.js';
import { transformer } from './transformer.js';

/** Procedure metadata: the REST mapping, plus the status a successful REST call answers with. */
export type Meta = OpenApiMeta<{ successStatus?: 200 | 201 | 202 | 204 }>;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    // One error shape: `data.error` is what REST clients get as `{ error }`. No stack, ever.
    errorFormatter({ shape, error }) {
      return {
        message: describeError(error).message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          error: describeError(error),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns DomainErrors and database refusals thrown below it into the right TRPC error code. */
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = mapThrownError(result.error);
    if (mapped) throw mapped;
  }
  return result;
});

/** Anyone: login, health. */
export const publicProcedure = t.procedure.use(mapErrors);

/**
 * A valid access token of an employee who still exists and is not archived. The role comes from
 * the database, not the token, so a role change or archiving takes effect on the next request.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if ('error' in ctx.token) {
    const reason = {
      missing: 'Authentication is required.',
      invalid: 'The access token is invalid.',
      expired: 'The access token has expired.',
    };
    throw new DomainError('UNAUTHENTICATED', {
      message: reason[ctx.token.error],
      details: { reason: ctx.token.error },
    });
  }
  // Every authenticated request runs this: one indexed row, no entity hydration.
  const [employee] = await selectRows<AuthUser & { passwordChangedAt: string | null }>(
    ctx.em,
    `select id, role, email, password_changed_at as "passwordChangedAt" from employees
     where id = ? and archived_at is null`,
    [ctx.token.claims.sub],
  );
  if (!employee) {
    throw new DomainError('UNAUTHENTICATED', {
      message: 'The account no longer exists or is archived.',
      details: { reason: 'account' },
    });
  }
  // A password change ends every session, access tokens included.
  const issuedAt = ctx.token.claims.iatMs ?? 0;
  const passwordChangedAt = optionalInstant(employee.passwordChangedAt);
  if (passwordChangedAt && issuedAt < passwordChangedAt.getTime()) {
    throw new DomainError('UNAUTHENTICATED', {
      message: 'The password changed; log in again.',
      details: { reason: 'password-changed' },
    });
  }
  const user: AuthUser = { id: employee.id, role: employee.role, email: employee.email };
  return next({ ctx: { ...ctx, user } });
});

/** An authenticated employee whose role has `permission`; a 403 names what is missing. */
export function permissionProcedure(permission: Permission) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!hasPermission(ctx.user.role, permission)) {
      throw new DomainError('FORBIDDEN', {
        message: `Your role (${ctx.user.role}) lacks the permission ${permission}.`,
        details: { missingPermission: permission },
      });
    }
    return next();
  });
}

export type AuthedContext = Context & { user: AuthUser };
