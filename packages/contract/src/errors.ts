/**
 * Every error code MediTrack answers with, and its HTTP status: the one place that decides both.
 * Clients switch on `code`; the status follows from it.
 */
export const ERROR_CATALOG = {
  VALIDATION_FAILED: { status: 400, message: 'The request is invalid.' },
  MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  UNAUTHENTICATED: { status: 401, message: 'Authentication is required.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Email or password is incorrect.' },
  FORBIDDEN: { status: 403, message: 'You do not have the permission this action needs.' },
  NOT_FOUND: { status: 404, message: 'The record does not exist.' },
  DUPLICATE_VALUE: { status: 409, message: 'A record with this value already exists.' },
  VERSION_CONFLICT: { status: 409, message: 'The record was changed by someone else; reload it and try again.' },
  APPOINTMENT_CONFLICT: { status: 409, message: 'The time overlaps another active appointment.' },
  RECORD_IN_USE: {
    status: 409,
    message: 'The record is referenced by other records and cannot be removed; archive it instead.',
  },
  IMMUTABLE_RECORD: { status: 409, message: 'The record is append-only and cannot be changed or deleted.' },
  CONCURRENT_UPDATE: {
    status: 409,
    message: 'Another request changed the same records at the same moment; try again.',
  },
  SCHEDULE_CONFLICT: { status: 409, message: 'The working hours overlap hours the doctor already has.' },
  SYNC_ALREADY_RUNNING: { status: 409, message: 'A vaccination sync is already running.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  BATCH_TOO_LARGE: { status: 413, message: 'The tRPC batch holds more calls than the server takes at once.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be JSON.' },
  UNKNOWN_REFERENCE: { status: 422, message: 'A referenced record does not exist.' },
  CONSTRAINT_VIOLATION: { status: 422, message: 'A value breaks a data rule.' },
  INVALID_STATE: { status: 422, message: 'The action is not allowed in the record’s current state.' },
  OUTSIDE_WORKING_HOURS: { status: 422, message: 'The time is outside the doctor’s working hours.' },
  DOCTOR_UNAVAILABLE: { status: 422, message: 'The doctor is on leave (time off) at this time.' },
  IN_THE_PAST: { status: 422, message: 'The time is in the past.' },
  VISIT_TYPE_NOT_OFFERED: { status: 422, message: 'The doctor does not offer this visit type at this time.' },
  TOO_SHORT_NOTICE: { status: 422, message: 'The time is sooner than the visit type’s minimum notice.' },
  BEYOND_HORIZON: { status: 422, message: 'The time is further ahead than the visit type can be booked.' },
  QUOTA_REACHED: { status: 409, message: 'The doctor’s daily quota for this visit type is reached.' },
  SESSION_FULL: { status: 409, message: 'The session is full: its visit type’s capacity is reached.' },
  CUTOFF_PASSED: {
    status: 409,
    message: 'The appointment is too close to be rescheduled or cancelled (its visit type’s cutoff).',
  },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'The database is unavailable; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CATALOG[code].status;
}

export interface FieldIssue {
  /** Path of the offending field, e.g. `nationalId` or `items.0.date`. */
  path: string;
  message: string;
  code?: string;
}

/** The body of every REST error response, and `data.error` of every tRPC error. */
export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** The field at fault, when there is exactly one. */
  field?: string;
  issues?: FieldIssue[];
  /** Machine-readable extras, e.g. `{ currentVersion: 4 }` or `{ missingPermission: 'audit:read' }`. */
  details?: Record<string, unknown>;
}
