import type { loginInput } from '@meditrack/contract';
import type { z } from 'zod';
import type { EmployeeActor } from '../access/actor.js';
import { Employee } from '../entities/employee.js';
import { DomainError } from '../errors/domain-error.js';
import { decoyPasswordHash, verifyPassword } from '../security/passwords.js';
import type { Work } from '../work/work.js';
import { type IssuedSession, issueRefreshToken, type SessionClient } from './sessions.js';

/**
 * Brute-force protection, counted per account (whatever identifier named it: email and username
 * share one budget) and per client address. `check` refuses (RATE_LIMITED) past the limits; a
 * success clears the account's count.
 */
export interface LoginThrottle {
  check(accountKey: string, address: string): Promise<void>;
  succeeded(accountKey: string): Promise<void>;
}

export interface LoginOptions {
  throttle: LoginThrottle;
  client: SessionClient & { address: string };
  refreshTtlSeconds: number;
}

/**
 * Logs in with email or username and password, and opens a session. Unknown account, archived
 * account and wrong password all answer the same INVALID_CREDENTIALS after the same argon2 work (a
 * decoy hash when there is no account), so neither message nor timing tells whether an account
 * exists. Every failure is audited (`auth.login-failed`, with its reason), so is every success.
 * Logging in does not change the employee's record version (an admin's edit must not meet a false 409).
 */
export async function login(
  work: Work,
  input: z.output<typeof loginInput>,
  options: LoginOptions,
): Promise<{ employee: Employee; actor: EmployeeActor; session: IssuedSession }> {
  const where = input.email ? { email: input.email.toLowerCase() } : { username: input.username ?? '' };
  const account = await work.em.findOne(Employee, where, { populate: ['passwordHash'] });
  const accountKey = account
    ? `employee:${account.id}`
    : `unknown:${input.email?.toLowerCase() ?? `username:${input.username}`}`;
  const failed = async (reason: string) => {
    work.record({
      action: 'auth.login-failed',
      entityType: 'Employee',
      entityId: account?.id ?? null,
      changes: { reason, by: input.email ? 'email' : 'username', address: options.client.address },
    });
    await work.commit();
  };
  try {
    await options.throttle.check(accountKey, options.client.address);
  } catch (error) {
    await failed('throttled');
    throw error;
  }
  const live = account && !account.archivedAt ? account : null;
  const ok = await verifyPassword(live?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!live || !ok) {
    await failed(!account ? 'unknown-account' : account.archivedAt ? 'archived-account' : 'wrong-password');
    throw new DomainError('INVALID_CREDENTIALS');
  }
  await options.throttle.succeeded(accountKey);
  const session = issueRefreshToken(work, live, options.client, options.refreshTtlSeconds);
  const actor: EmployeeActor = { kind: 'employee', id: live.id, role: live.role, sessionId: session.sessionId };
  const asEmployee = work.as(actor);
  asEmployee.record({
    action: 'auth.login',
    entityType: 'Employee',
    entityId: live.id,
    changes: { sessionId: session.sessionId },
  });
  await asEmployee.commit();
  // A timestamp, not an edit: written as plain SQL, since the ORM's updates (nativeUpdate too) bump the version.
  await work.em.getConnection().execute('update employees set last_login_at = ? where id = ?', [work.now(), live.id]);
  return { employee: live, actor, session };
}
