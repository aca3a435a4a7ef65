import {
  CheckConstraintViolationException,
  ConnectionException,
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import {
  APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT,
  APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT,
} from '../entities/appointment.js';
import { QUEUE_TICKET_STEP_ORDER_CONSTRAINT } from '../entities/queue-ticket.js';
import { SYNC_RUN_ONE_RUNNING_CONSTRAINT } from '../entities/sync-run.js';
import { DomainError } from './domain-error.js';

/** The fields node-postgres copies from the server's error onto MikroORM's exception. */
interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `patients_national_id_unique` on table `patients` -> `nationalId`; `appointments_doctor_id_foreign` -> `doctorId`. */
function fieldOfConstraint(
  constraint: string | undefined,
  table: string | undefined,
  suffix: string,
): string | undefined {
  if (!constraint) return undefined;
  let rest = constraint;
  if (table && rest.startsWith(`${table}_`)) rest = rest.slice(table.length + 1);
  if (rest.endsWith(suffix)) rest = rest.slice(0, -suffix.length);
  return camelCase(rest);
}

/**
 * Maps what the database refused to a client error with a catalog code and the field at fault.
 * Returns null for anything that is not the client's doing (those stay 500 / 503).
 */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
/**
 * The server gave up on the statement or the session (DB_STATEMENT_TIMEOUT_MS: 57014
 * query_canceled; DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 25P03; a restart or failover: 57P01-57P03).
 */
const SERVER_GAVE_UP_CODES = new Set(['57014', '25P03', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGE =
  /Connection terminated|connection error|ECONNREFUSED|ECONNRESET|EPIPE|timeout exceeded when trying to connect|Client was closed|Connection ended|terminating connection|Query read timeout/i;

/** The database went away, did not answer in time, or gave up: not the client's fault, and worth a retry. */
function isConnectionFailure(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || SERVER_GAVE_UP_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
  return isConnectionFailure(e.cause, depth + 1);
}

export function translateDatabaseError(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  if (isConnectionFailure(error)) return new DomainError('DATABASE_UNAVAILABLE', { cause: error });
  if (error instanceof OptimisticLockError) {
    return new DomainError('VERSION_CONFLICT', { field: 'version', cause: error });
  }
  if (error instanceof ConnectionException) return new DomainError('DATABASE_UNAVAILABLE', { cause: error });
  if (!(error instanceof DriverException)) return null;

  const pg = error as DriverException & PgErrorFields;
  if (pg.code === '23P01') {
    const conflictWith =
      pg.constraint === APPOINTMENT_DOCTOR_OVERLAP_CONSTRAINT
        ? 'doctor'
        : pg.constraint === APPOINTMENT_PATIENT_OVERLAP_CONSTRAINT
          ? 'patient'
          : undefined;
    return new DomainError('APPOINTMENT_CONFLICT', {
      message: conflictWith
        ? `The ${conflictWith} already has an active appointment at this time.`
        : 'The time overlaps another record.',
      field: 'startsAt',
      ...(conflictWith ? { details: { conflictWith } } : {}),
      cause: error,
    });
  }
  if (error instanceof UniqueConstraintViolationException) {
    if (pg.constraint === SYNC_RUN_ONE_RUNNING_CONSTRAINT)
      return new DomainError('SYNC_ALREADY_RUNNING', { cause: error });
    if (pg.constraint === QUEUE_TICKET_STEP_ORDER_CONSTRAINT) {
      return new DomainError('VERSION_CONFLICT', {
        message: 'Someone else moved this ticket at the same moment; reload it.',
        field: 'version',
        cause: error,
      });
    }
    const field = fieldOfConstraint(pg.constraint, pg.table, '_unique');
    return new DomainError('DUPLICATE_VALUE', {
      ...(field ? { message: `Another record already has this ${field}.`, field } : {}),
      cause: error,
    });
  }
  // 23001 restrict_violation: an append-only trigger, or deleting a row that a RESTRICT foreign key protects.
  if (pg.code === '23001') {
    if (pg.constraint?.endsWith('_append_only')) return new DomainError('IMMUTABLE_RECORD', { cause: error });
    return new DomainError('RECORD_IN_USE', { cause: error });
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    // PostgreSQL words the two directions differently: removing a referenced row, or pointing at a missing one.
    if (error.message.includes('update or delete on table')) {
      return new DomainError('RECORD_IN_USE', { cause: error });
    }
    const field = fieldOfConstraint(pg.constraint, pg.table, '_foreign');
    return new DomainError('UNKNOWN_REFERENCE', {
      ...(field ? { message: `The record given as ${field} does not exist.`, field } : {}),
      cause: error,
    });
  }
  if (error instanceof CheckConstraintViolationException) {
    const field = fieldOfConstraint(pg.constraint, pg.table, '_check');
    return new DomainError('CONSTRAINT_VIOLATION', {
      ...(field ? { message: `The value of ${field} is not allowed.`, field } : {}),
      cause: error,
    });
  }
  if (error instanceof NotNullConstraintViolationException) {
    const field = pg.column ? camelCase(pg.column) : undefined;
    return new DomainError('CONSTRAINT_VIOLATION', {
      ...(field ? { message: `${field} is required.`, field } : {}),
      cause: error,
    });
  }
  // Class 22 (data exception): too long for the column, not a valid uuid/date/number, out of range.
  if (pg.code?.startsWith('22')) {
    return new DomainError('CONSTRAINT_VIOLATION', {
      message: 'A value has the wrong format or size for its field.',
      ...(pg.column ? { field: camelCase(pg.column) } : {}),
      cause: error,
    });
  }
  // 40001 serialization failure, 40P01 deadlock: two requests collided; retrying is the client's call.
  if (pg.code === '40001' || pg.code === '40P01') return new DomainError('CONCURRENT_UPDATE', { cause: error });
  // Class 08 (connection), 57P01-57P03 (shutdown, cannot connect now).
  if (pg.code?.startsWith('08') || pg.code?.startsWith('57P')) {
    return new DomainError('DATABASE_UNAVAILABLE', { cause: error });
  }
  return null;
}
