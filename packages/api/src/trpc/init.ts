import { hasPermission, type Permission } from '@meditrack/contract';
import { DomainError } from '@meditrack/domain';
import { getTRPCErrorFromUnknown, initTRPC, type TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { SessionRow } from '../auth/session-cache.js';
import { optionalInstant } from '../records/instant.js';
import { selectRows } from '../records/sql.js';
import type { AuthUser, Context } from './context.js';
import { errorShape, mapThrownError } from './errors.js';
import { transformer } from './transformer.js';

/** Procedure metadata: the REST mapping, plus the status a successful REST call answers with. */
export type Meta = OpenApiMeta<{ successStatus?: 200 | 201 | 202 | 204 }>;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter: ({ error, path }) => errorShape(error, path),
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** A DomainError or database refusal as the right TRPC error; anything else as it was. */
function mapped(error: unknown): TRPCError {
  const trpcError = getTRPCErrorFromUnknown(error);
  return mapThrownError(trpcError) ?? trpcError;
}

/** The employee's row if they exist and are not archived: from the session cache when it is on, else one indexed read. */
async function sessionRow(ctx: Context, id: string): Promise<SessionRow | undefined> {
  const cache = ctx.services.sessionCache;
  const remembered = cache.lookup(id);
  if (remembered) return remembered;
  const ticket = cache.ticket();
  const [row] = await selectRows<SessionRow>(
    ctx.em,
    `select id, role, email, password_changed_at as "passwordChangedAt" from employees
     where id = ? and archived_at is null`,
    [id],
  );
  if (row) cache.store(ticket, row);
  return row;
}

/**
 * A valid access token of an employee who still exists and is not archived. The role comes from
 * the database, not the token, so a role change or archiving takes effect on the next request (the
 * session cache forgets a changed employee: auth/employee-changes.ts).
 */
async function authenticate(ctx: Context): Promise<AuthUser> {
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
  const employee = await sessionRow(ctx, ctx.token.claims.sub);
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
  return { id: employee.id, role: employee.role, email: employee.email };
}

/** A 403 that names the missing permission. */
function authorize(user: AuthUser, permission: Permission): void {
  if (!hasPermission(user.role, permission)) {
    throw new DomainError('FORBIDDEN', {
      message: `Your role (${user.role}) lacks the permission ${permission}.`,
      details: { missingPermission: permission },
    });
  }
}

/**
 * One middleware per procedure: who may call (any employee, or one with a permission) and the error
 * mapping around everything below. Not a stack of three (public, authed, permission): each tRPC
 * middleware level copies the context, which was measurable on the hottest paths (docs/benchmarks.md).
 */
function guard(access: 'authenticated' | Permission) {
  return t.middleware(async ({ ctx, next }) => {
    let result: Awaited<ReturnType<typeof next<{ user: AuthUser }>>>;
    try {
      const user = await authenticate(ctx);
      if (access !== 'authenticated') authorize(user, access);
      result = await next({ ctx: { user } });
    } catch (error) {
      throw mapped(error);
    }
    if (!result.ok) throw mapped(result.error);
    return result;
  });
}

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throw mapped(result.error);
  return result;
});

/** Anyone: login, health. */
export const publicProcedure = t.procedure.use(mapErrors);

/** Any authenticated employee (see `authenticate`). */
export const authedProcedure = t.procedure.use(guard('authenticated'));

/** An authenticated employee whose role has `permission`; a 403 names what is missing. */
export function permissionProcedure(permission: Permission) {
  return t.procedure.use(guard(permission));
}

export type AuthedContext = Context & { user: AuthUser };
