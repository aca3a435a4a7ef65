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
  client: SessionClient;
  /** The client address as the throttle counts it (an IPv6 client by its /64). */
  addressKey: string;
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
    await options.throttle.check(accountKey, options.addressKey);
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
  const opened = await work.transaction(async (tx) => {
    // The account as it stands now, locked until the session is written: a password change or an
    // archiving that committed during the argon2 work is seen here, and one that comes later waits
    // for this transaction and then ends this session with the others (staff/employees.ts). (Not
    // FOR SHARE: two logins of one account would each hold it and then deadlock on last_login_at.)
    const [now] = await tx.em
      .getConnection()
      .execute<{ passwordHash: string; archivedAt: string | null }[]>(
        'select password_hash as "passwordHash", archived_at as "archivedAt" from employees where id = ? for no key update',
        [live.id],
        'all',
        tx.em.getTransactionContext(),
      );
    if (!now || now.archivedAt || now.passwordHash !== live.passwordHash) return null;
    const session = issueRefreshToken(tx, live, options.client, options.refreshTtlSeconds);
    const actor: EmployeeActor = { kind: 'employee', id: live.id, role: live.role, sessionId: session.sessionId };
    const asEmployee = tx.as(actor);
    asEmployee.record({
      action: 'auth.login',
      entityType: 'Employee',
      entityId: live.id,
      changes: { sessionId: session.sessionId },
    });
    await asEmployee.commit();
    // A timestamp, not an edit: plain SQL, since the ORM's updates (nativeUpdate too) bump the version.
    await tx.em
      .getConnection()
      .execute(
        'update employees set last_login_at = ? where id = ?',
        [tx.now(), live.id],
        'run',
        tx.em.getTransactionContext(),
      );
    return { actor, session };
  });
  if (!opened) {
    await failed('account-changed');
    throw new DomainError('INVALID_CREDENTIALS');
  }
  const { actor, session } = opened;
  return { employee: live, actor, session };
}
