import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@meditrack/contract';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EmployeeActor } from '../access/actor.js';
import type { Employee } from '../entities/employee.js';
import { RefreshToken } from '../entities/refresh-token.js';
import { DomainError } from '../errors/domain-error.js';
import { uuidv7 } from '../ids.js';
import { selectRows } from '../reads/sql.js';
import type { Work } from '../work/work.js';

/**
 * A login session is a family of refresh tokens: one from the login, one more per refresh (each use
 * rotates it). Access tokens name their session; a session is live while its family holds a token
 * that is neither revoked nor expired, and every request checks that (one indexed read), so logout,
 * detected token reuse, archiving and role or password changes end it at once.
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Where a session was opened from, kept with its tokens. */
export interface SessionClient {
  userAgent: string | null;
  address: string | null;
}

export interface IssuedSession {
  sessionId: string;
  refreshToken: string;
  row: RefreshToken;
}

/** A new refresh token for `employee` in session `sessionId` (a new session by default); flushed by the caller. */
export function issueRefreshToken(
  work: Work,
  employee: Employee,
  client: SessionClient,
  ttlSeconds: number,
  sessionId: string = uuidv7(),
): IssuedSession {
  const refreshToken = randomBytes(32).toString('base64url');
  const row = work.em.create(RefreshToken, {
    employee,
    tokenHash: hashToken(refreshToken),
    familyId: sessionId,
    expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    userAgent: client.userAgent?.slice(0, 300) || null,
    ipAddress: client.address?.slice(0, 64) ?? null,
  });
  return { sessionId, refreshToken, row };
}

/** Ends sessions: one (logout, reuse) or every session of an employee (archived, role or password changed). */
export function revokeSessions(
  em: EntityManager,
  where: { familyId: string } | { employee: string },
  reason: string,
): Promise<number> {
  return em.nativeUpdate(RefreshToken, { ...where, revokedAt: null }, { revokedAt: new Date(), revokedReason: reason });
}

export const sessionRefused = (reason: string, message = 'The session is no longer valid; log in again.') =>
  new DomainError('UNAUTHENTICATED', { message, details: { reason } });

/**
 * The session check of every authenticated request: the employee exists, is not archived, and the
 * session is live. The role is read here, not trusted from the token, so a change takes effect on
 * the next request.
 */
export async function checkSession(
  em: EntityManager,
  claims: { employeeId: string; sessionId: string },
): Promise<EmployeeActor> {
  const [row] = await selectRows<{ id: string; role: Role; archived: boolean; live: boolean }>(
    em,
    `select e.id, e.role, e.archived_at is not null as archived,
       exists (select 1 from refresh_tokens r where r.family_id = ? and r.revoked_at is null
               and r.expires_at > now() and r.employee_id = e.id) as live
     from employees e where e.id = ?`,
    [claims.sessionId, claims.employeeId],
  );
  if (!row || row.archived) throw sessionRefused('account', 'The account no longer exists or is archived.');
  if (!row.live) throw sessionRefused('session', 'The session has ended (logged out or revoked); log in again.');
  return { kind: 'employee', id: row.id, role: row.role, sessionId: claims.sessionId };
}

/**
 * Exchanges a refresh token for a new one in the same session, atomically (the old one is revoked
 * and the new one written in one transaction, so the session is never seen without a live token). A
 * token presented again after its rotation (stolen and used by two parties) ends the whole session:
 * both the thief and the owner must log in again; the reuse is audited. Of refreshes with one token
 * racing for it, one wins and keeps working; one that loses the race for the row is refused
 * (`refresh-superseded`), one that arrives after the rotation committed is a reuse like any other.
 */
export async function rotateSession(
  work: Work,
  presented: string,
  client: SessionClient,
  ttlSeconds: number,
): Promise<{ employee: Employee; session: IssuedSession }> {
  const outcome = await work.transaction(async (tx) => {
    const row = await tx.em.findOne(RefreshToken, { tokenHash: hashToken(presented) }, { populate: ['employee'] });
    if (!row) return { refused: 'refresh-invalid' } as const;
    const reused = async () => {
      await revokeSessions(tx.em, { familyId: row.familyId }, 'reuse-detected');
      tx.record({
        action: 'auth.refresh-reused',
        entityType: 'Employee',
        entityId: row.employee.id,
        changes: { sessionId: row.familyId, address: client.address },
      });
      return { refused: 'refresh-reused' } as const;
    };
    if (row.revokedAt) return row.revokedReason === 'rotated' ? reused() : ({ refused: 'refresh-revoked' } as const);
    if (row.expiresAt.getTime() <= Date.now()) return { refused: 'refresh-expired' } as const;
    if (row.employee.archivedAt) return { refused: 'account' } as const;
    // Claim the token: of two simultaneous refreshes with one token, one wins; the other is reuse.
    const claimed = await tx.em.nativeUpdate(
      RefreshToken,
      { id: row.id, revokedAt: null },
      { revokedAt: new Date(), revokedReason: 'rotated' },
    );
    // Lost the race to a simultaneous refresh with the same token (two tabs): that one's tokens stand.
    if (claimed !== 1) return { refused: 'refresh-superseded' } as const;
    const session = issueRefreshToken(tx, row.employee, client, ttlSeconds, row.familyId);
    await tx.commit();
    await tx.em.nativeUpdate(RefreshToken, { id: row.id }, { replacedBy: session.row.id });
    return { employee: row.employee, session };
  });
  if ('refused' in outcome) throw sessionRefused(outcome.refused ?? 'refresh-invalid');
  return outcome;
}

/** Ends the session a refresh token belongs to (audited); unknown tokens change nothing and say nothing. */
export async function logout(work: Work, presented: string): Promise<void> {
  const row = await work.em.findOne(RefreshToken, { tokenHash: hashToken(presented) });
  if (!row) return;
  await work.transaction(async (tx) => {
    const ended = await revokeSessions(tx.em, { familyId: row.familyId }, 'logout');
    tx.record({
      action: 'auth.logout',
      entityType: 'Employee',
      entityId: row.employee.id,
      changes: { sessionId: row.familyId, ...(ended ? {} : { alreadyEnded: true }) },
    });
  });
}
