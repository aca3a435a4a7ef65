import type { Role } from '@meditrack/contract';

/**
 * Who performs a domain operation. Every operation takes one explicitly: an employee in a session
 * (the API), the system (the sync worker, the seed, maintenance), or nobody yet (a login attempt).
 */
export type Actor = EmployeeActor | SystemActor | AnonymousActor;

export interface EmployeeActor {
  kind: 'employee';
  id: string;
  role: Role;
  /** The login session (refresh-token family) the request belongs to. */
  sessionId: string;
}

export interface SystemActor {
  kind: 'system';
  /** Named in the audit trail, e.g. `sync-worker`, `demo-seed`. */
  label: string;
}

export interface AnonymousActor {
  kind: 'anonymous';
}

export const systemActor = (label: string): SystemActor => ({ kind: 'system', label });
export const anonymousActor: AnonymousActor = { kind: 'anonymous' };
