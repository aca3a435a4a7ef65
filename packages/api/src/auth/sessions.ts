import { createHash, randomBytes } from 'node:crypto';
import { DomainError, type Employee, RefreshToken, uuidv7 } from '@meditrack/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { toEmployeeDto } from '../routers/employees/dto.js';
import type { AccessTokenClaims, Context } from '../trpc/context.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** New access token plus refresh token; the refresh token's row joins `familyId` (one login = one family). */
export async function issueSession(ctx: Context, employee: Employee, familyId: string = uuidv7()) {
  const env = ctx.services.config.env;
  const claims: AccessTokenClaims = { sub: employee.id, role: employee.role, iatMs: Date.now() };
  const accessToken = ctx.services.accessTokens.sign(claims);
  const refreshToken = randomBytes(32).toString('base64url');
  const row = ctx.em.create(RefreshToken, {
    employee,
    tokenHash: hashToken(refreshToken),
    familyId,
    expiresAt: new Date(Date.now() + env.REFRESH_TOKEN_TTL_SECONDS * 1000),
    userAgent: String(ctx.req.headers['user-agent'] ?? '').slice(0, 300) || null,
    ipAddress: ctx.req.ip?.slice(0, 64) ?? null,
  });
  return {
    row,
    tokens: {
      accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: env.JWT_ACCESS_TTL_SECONDS,
      refreshToken,
      refreshExpiresIn: env.REFRESH_TOKEN_TTL_SECONDS,
      user: toEmployeeDto(employee),
    },
  };
}

/** Revokes every live refresh token of a family (logout, reuse) or of an employee (archive, role or password change). */
export async function revokeSessions(
  em: EntityManager,
  where: { familyId: string } | { employee: string },
  reason: string,
): Promise<number> {
  return em.nativeUpdate(RefreshToken, { ...where, revokedAt: null }, { revokedAt: new Date(), revokedReason: reason });
}

const refused = (reason: string) =>
  new DomainError('UNAUTHENTICATED', { message: 'The session is no longer valid; log in again.', details: { reason } });

/**
 * Exchanges a refresh token for new tokens, rotating it. A token presented a second time (stolen and
 * used by two parties) revokes its whole family: both the thief and the owner must log in again.
 */
export async function rotateSession(ctx: Context, presented: string) {
  const row = await ctx.em.findOne(RefreshToken, { tokenHash: hashToken(presented) }, { populate: ['employee'] });
  if (!row) throw refused('refresh-invalid');
  if (row.revokedAt) {
    if (row.revokedReason === 'rotated') {
      await revokeSessions(ctx.em, { familyId: row.familyId }, 'reuse-detected');
      throw refused('refresh-reused');
    }
    throw refused('refresh-revoked');
  }
  if (row.expiresAt.getTime() <= Date.now()) throw refused('refresh-expired');
  if (row.employee.archivedAt) throw refused('account');
  // Claim the token atomically: of two simultaneous refreshes with one token, one wins; the other is reuse.
  const claimed = await ctx.em.nativeUpdate(
    RefreshToken,
    { id: row.id, revokedAt: null },
    { revokedAt: new Date(), revokedReason: 'rotated' },
  );
  if (claimed !== 1) {
    await revokeSessions(ctx.em, { familyId: row.familyId }, 'reuse-detected');
    throw refused('refresh-reused');
  }
  const next = await issueSession(ctx, row.employee, row.familyId);
  await ctx.em.flush();
  await ctx.em.nativeUpdate(RefreshToken, { id: row.id }, { replacedBy: next.row.id });
  return next.tokens;
}

export { hashToken };
