import { ERROR_CATALOG, type ErrorCode, type FieldIssue } from '@meditrack/contract';

export interface DomainErrorOptions {
  message?: string;
  /** The field at fault, when there is exactly one. */
  field?: string;
  issues?: FieldIssue[];
  /** Machine-readable extras, e.g. `{ currentVersion: 4 }` or `{ conflictWith: 'doctor' }`. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** An error meant for the client: a catalog code, a safe message, and the field at fault. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly issues: FieldIssue[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    super(options.message ?? ERROR_CATALOG[code].message, options.cause ? { cause: options.cause } : undefined);
    this.name = 'DomainError';
    this.code = code;
    this.status = ERROR_CATALOG[code].status;
    this.field = options.field;
    this.issues = options.issues ?? (options.field ? [{ path: options.field, message: this.message }] : undefined);
    this.details = options.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
