import type { ErrorCode, Permission } from '@meditrack/contract';
import { anonymousActor, authorize, checkSession, DomainError, Work } from '@meditrack/domain';
import { type CombinedDataTransformer, getTRPCErrorFromUnknown, initTRPC, type TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { z } from 'zod';
import type { CallContext, Context } from './context.js';
import { errorShape, mapThrownError } from './errors.js';
import type { SuccessStatus } from './rest.js';
import { serializeAnswer } from './wire.js';

/** Who may call a procedure: anyone, any employee in a live session, or one whose role has a permission. */
export type Access = 'public' | 'authenticated' | Permission;

/**
 * Procedure metadata: who may call it (set by the procedure builders below), the REST mapping
 * (trpc-to-openapi) with its success status and the domain errors it can answer (trpc/rest.ts).
 * The OpenAPI document's statuses are derived from these (rest/responses.ts).
 */
export type Meta = OpenApiMeta<{
  access?: Access;
  successStatus?: SuccessStatus;
  errors?: readonly ErrorCode[];
  requestSchema?: z.core.$ZodType;
}>;

/**
 * The wire format of tRPC calls: superjson (dates, undefined, Map... survive), answers written by
 * trpc/wire.ts (superjson's bytes, without its copy of the answer). Shared with trpc/single-call.ts.
 */
export const transformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: (value) => superjson.deserialize(value) },
} satisfies CombinedDataTransformer;

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer,
    errorFormatter: ({ error, path }) => errorShape(error, path),
  });

export const router = t.router;

/** A DomainError or database refusal as the right TRPC error; anything else as it was. */
function mapped(error: unknown): TRPCError {
  const trpcError = getTRPCErrorFromUnknown(error);
  return mapThrownError(trpcError) ?? trpcError;
}

/** A unit of work for one procedure call: each call of a batch has its own (own identity map, own version checks). */
function openWork(ctx: Context): Work {
  return Work.open(ctx.services.orm, anonymousActor, { requestId: ctx.requestId, settings: ctx.services.settings });
}

/**
 * A valid access token whose session is live, of an employee who exists and is not archived: the
 * domain's session check (one indexed read), on every call. The role comes from the database.
 */
async function authenticate(ctx: Context, work: Work): Promise<Work> {
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
  const actor = await checkSession(work.em, { employeeId: ctx.token.claims.sub, sessionId: ctx.token.claims.sid });
  return work.as(actor);
}

/**
 * One middleware per procedure: who may call (anyone, any employee in a live session, or one whose
 * role has a permission, decided by the domain's `authorize` from the permission table), a unit of
 * work for the call, and the error mapping around everything below. One level, not a stack: each
 * tRPC middleware level copies the context.
 */
function guard(access: Access) {
  return t.middleware(async ({ ctx, next }) => {
    let result: Awaited<ReturnType<typeof next<CallContext>>>;
    try {
      let work = openWork(ctx);
      if (access !== 'public') {
        work = await authenticate(ctx, work);
        if (access !== 'authenticated') authorize(work.actor, access);
      }
      result = await next({ ctx: { work } });
    } catch (error) {
      throw mapped(error);
    }
    if (!result.ok) throw mapped(result.error);
    return result;
  });
}

/** Anyone: login, refresh, logout. */
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(guard('public'));

/** Any employee in a live session. */
export const authedProcedure = t.procedure.meta({ access: 'authenticated' }).use(guard('authenticated'));

/** An employee in a live session whose role has `permission`; a 403 names what is missing. */
export function permissionProcedure(permission: Permission) {
  return t.procedure.meta({ access: permission }).use(guard(permission));
}
